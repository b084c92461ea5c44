/* GDB remote serial protocol server (GDB manual, appendix E "Remote Serial Protocol"; target
 * descriptions, appendix G, ARM features G.5.1). One connection, all-stop mode, one thread. */
#include "gdb.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define GDB_PACKET_MAX 4096u   /* PacketSize we announce; every buffer below is sized by it */
#define GDB_MAX_BREAKPOINTS 64u
#define GDB_POLL_EVERY 65536u  /* instructions between two checks for an interrupt (0x03) */
#define GDB_ACCEPT_TIMEOUT_S 600u /* the wait for the debugger to connect is bounded too */
#define GDB_SIGINT 2
#define GDB_SIGTRAP 5
#define GDB_SIGSEGV 11

struct sim_gdb {
    int listen_fd, fd;
    bool attached;      /* a debugger is connected and has not detached */
    bool halted;        /* the debugger holds the CPU */
    bool report_stop;   /* a resume is outstanding: the next halt sends a stop reply */
    bool no_ack;        /* QStartNoAckMode */
    bool step;
    bool resume_pending; /* the next instruction is the one the debugger resumed at */
    uint32_t resume_pc;
    uint64_t executed;   /* instructions since the last resume */
    unsigned poll_in;
    int stop_signal;
    bool stop_swbreak;
    uint32_t bp[GDB_MAX_BREAKPOINTS];
    unsigned nbp;
    uint8_t rx[GDB_PACKET_MAX];
    size_t rx_len, rx_pos;
    char pkt[GDB_PACKET_MAX + 1];
    char out[2 * GDB_PACKET_MAX + 8];
    size_t out_len;      /* last packet sent, for a retransmission request ('-') */
};

static struct sim_gdb gdb_state;

/* ---- registers: the numbering of the target description below ---- */

#define GDB_REG_XPSR 16
#define GDB_REG_D0 17
#define GDB_NUM_REGS 40

static int uc_reg_of(unsigned n, unsigned *bytes)
{
    static const int sys[7] = { UC_ARM_REG_FPSCR, UC_ARM_REG_MSP, UC_ARM_REG_PSP, UC_ARM_REG_PRIMASK,
                                UC_ARM_REG_BASEPRI, UC_ARM_REG_FAULTMASK, UC_ARM_REG_CONTROL };
    *bytes = 4;
    if (n <= 12u) {
        return UC_ARM_REG_R0 + (int)n;
    }
    switch (n) {
    case 13: return UC_ARM_REG_SP;
    case 14: return UC_ARM_REG_LR;
    case 15: return UC_ARM_REG_PC;
    case GDB_REG_XPSR: return UC_ARM_REG_XPSR;
    default: break;
    }
    if (n >= GDB_REG_D0 && n < GDB_REG_D0 + 16u) {
        *bytes = 8;
        return UC_ARM_REG_D0 + (int)(n - GDB_REG_D0);
    }
    if (n >= GDB_REG_D0 + 16u && n < GDB_NUM_REGS) {
        return sys[n - GDB_REG_D0 - 16u];
    }
    return -1;
}

static const char *target_xml(void)
{
    static char xml[4096];
    if (xml[0] != '\0') {
        return xml;
    }
    size_t n = (size_t)snprintf(xml, sizeof xml,
                                "<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
                                "<target version=\"1.0\"><architecture>arm</architecture>"
                                "<feature name=\"org.gnu.gdb.arm.m-profile\">");
    for (unsigned r = 0; r <= 12u; r++) {
        n += (size_t)snprintf(xml + n, sizeof xml - n, "<reg name=\"r%u\" bitsize=\"32\" regnum=\"%u\"/>", r, r);
    }
    n += (size_t)snprintf(xml + n, sizeof xml - n,
                          "<reg name=\"sp\" bitsize=\"32\" type=\"data_ptr\" regnum=\"13\"/>"
                          "<reg name=\"lr\" bitsize=\"32\" regnum=\"14\"/>"
                          "<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"15\"/>"
                          "<reg name=\"xpsr\" bitsize=\"32\" regnum=\"16\"/></feature>"
                          "<feature name=\"org.gnu.gdb.arm.vfp\">");
    for (unsigned d = 0; d < 16u; d++) {
        n += (size_t)snprintf(xml + n, sizeof xml - n, "<reg name=\"d%u\" bitsize=\"64\" type=\"ieee_double\" regnum=\"%u\"/>",
                              d, GDB_REG_D0 + d);
    }
    n += (size_t)snprintf(xml + n, sizeof xml - n,
                          "<reg name=\"fpscr\" bitsize=\"32\" type=\"int\" group=\"float\" regnum=\"33\"/></feature>"
                          "<feature name=\"org.gnu.gdb.arm.m-system\">"
                          "<reg name=\"msp\" bitsize=\"32\" type=\"data_ptr\" regnum=\"34\"/>"
                          "<reg name=\"psp\" bitsize=\"32\" type=\"data_ptr\" regnum=\"35\"/></feature>"
                          "<feature name=\"org.extmem.sim.m-special\">"
                          "<reg name=\"primask\" bitsize=\"32\" type=\"int\" group=\"system\" regnum=\"36\"/>"
                          "<reg name=\"basepri\" bitsize=\"32\" type=\"int\" group=\"system\" regnum=\"37\"/>"
                          "<reg name=\"faultmask\" bitsize=\"32\" type=\"int\" group=\"system\" regnum=\"38\"/>"
                          "<reg name=\"control\" bitsize=\"32\" type=\"int\" group=\"system\" regnum=\"39\"/>"
                          "</feature></target>");
    (void)n;
    return xml;
}

/* ---- hex ---- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

static const char hexdig[] = "0123456789abcdef";

/* Parses a hex number up to a character of stop (or the end); false on an empty or bad field. */
static bool parse_hex(const char **p, uint64_t *v)
{
    const char *q = *p;
    uint64_t x = 0;
    int d;
    unsigned n = 0;
    while ((d = hexval(*q)) >= 0 && n < 16u) {
        x = (x << 4) | (uint64_t)d;
        q++;
        n++;
    }
    if (n == 0u || hexval(*q) >= 0) {
        return false;
    }
    *p = q;
    *v = x;
    return true;
}

static size_t put_hex_le(char *dst, uint64_t v, unsigned bytes)
{
    for (unsigned i = 0; i < bytes; i++) {
        uint8_t b = (uint8_t)(v >> (8u * i));
        dst[2u * i] = hexdig[b >> 4];
        dst[2u * i + 1u] = hexdig[b & 15u];
    }
    return 2u * bytes;
}

static bool get_hex_le(const char **p, unsigned bytes, uint64_t *v)
{
    uint64_t x = 0;
    for (unsigned i = 0; i < bytes; i++) {
        int h = hexval((*p)[0]), l = h < 0 ? -1 : hexval((*p)[1]);
        if (l < 0) {
            return false;
        }
        x |= (uint64_t)((h << 4) | l) << (8u * i);
        *p += 2;
    }
    *v = x;
    return true;
}

/* ---- packets ---- */

static bool send_all(struct sim_gdb *g, const char *buf, size_t len)
{
    while (len > 0u) {
        ssize_t n = send(g->fd, buf, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        buf += n;
        len -= (size_t)n;
    }
    return true;
}

static bool send_packet(struct sim_gdb *g, const char *data, size_t len)
{
    if (len > sizeof g->out - 4u) {
        len = sizeof g->out - 4u;
    }
    uint8_t sum = 0;
    g->out[0] = '$';
    for (size_t i = 0; i < len; i++) {
        g->out[1u + i] = data[i];
        sum = (uint8_t)(sum + (uint8_t)data[i]);
    }
    g->out[1u + len] = '#';
    g->out[2u + len] = hexdig[sum >> 4];
    g->out[3u + len] = hexdig[sum & 15u];
    g->out_len = len + 4u;
    return send_all(g, g->out, g->out_len);
}

static bool send_str(struct sim_gdb *g, const char *s)
{
    return send_packet(g, s, strlen(s));
}

/* Next byte from the debugger (blocking), or -1 when the connection is closed. */
static int get_byte(struct sim_gdb *g)
{
    if (g->rx_pos == g->rx_len) {
        ssize_t n;
        do {
            n = recv(g->fd, g->rx, sizeof g->rx, 0);
        } while (n < 0 && errno == EINTR);
        if (n <= 0) {
            return -1;
        }
        g->rx_len = (size_t)n;
        g->rx_pos = 0;
    }
    return g->rx[g->rx_pos++];
}

/* Reads one packet into g->pkt (NUL-terminated), acknowledging it. Returns its length, or -1
 * when the connection is closed. Acks, retransmission requests and a stray interrupt byte
 * between packets are handled here. */
static int read_packet(struct sim_gdb *g)
{
    for (;;) {
        int c = get_byte(g);
        if (c < 0) {
            return -1;
        }
        if (c == '-' && g->out_len > 0u) {
            if (!send_all(g, g->out, g->out_len)) {
                return -1;
            }
            continue;
        }
        if (c != '$') {
            continue; /* '+', or 0x03 while already halted */
        }
        size_t n = 0;
        uint8_t sum = 0;
        bool overflow = false;
        while ((c = get_byte(g)) >= 0 && c != '#') {
            sum = (uint8_t)(sum + (uint8_t)c);
            if (n < GDB_PACKET_MAX) {
                g->pkt[n++] = (char)c;
            } else {
                overflow = true;
            }
        }
        int h = c < 0 ? -1 : get_byte(g);
        int l = h < 0 ? -1 : get_byte(g);
        if (l < 0) {
            return -1;
        }
        g->pkt[n] = '\0';
        bool ok = !overflow && hexval((char)h) >= 0 && hexval((char)l) >= 0 &&
                  (uint8_t)((hexval((char)h) << 4) | hexval((char)l)) == sum;
        if (!g->no_ack && !send_all(g, ok ? "+" : "-", 1)) {
            return -1;
        }
        if (ok) {
            return (int)n;
        }
    }
}

/* ---- memory ---- */

/* Reads as much of [addr, addr+len) as is mapped from addr on; returns the byte count. */
static size_t mem_read(struct sim *s, uint32_t addr, uint8_t *buf, size_t len)
{
    if (uc_mem_read(s->uc, addr, buf, len) == UC_ERR_OK) {
        return len;
    }
    size_t n = 0;
    while (n < len && (uint64_t)addr + n <= UINT32_MAX && uc_mem_read(s->uc, addr + (uint32_t)n, buf + n, 1) == UC_ERR_OK) {
        n++;
    }
    return n;
}

/* A debugger write goes where a bus write would: writable memory or a peripheral. Flash and
 * memory-mapped external flash are read-only on the bus, so the write is refused. */
static bool mem_writable(struct sim *s, uint32_t addr, size_t len)
{
    uc_mem_region *r = NULL;
    uint32_t count = 0;
    if (len == 0u) {
        return true;
    }
    if (uc_mem_regions(s->uc, &r, &count) != UC_ERR_OK) {
        return false;
    }
    uint64_t a = addr, end = (uint64_t)addr + len - 1u;
    bool ok = true;
    while (ok && a <= end) {
        ok = false;
        for (uint32_t i = 0; i < count; i++) {
            if (a >= r[i].begin && a <= r[i].end && (r[i].perms & UC_PROT_WRITE)) {
                a = r[i].end + 1u;
                ok = true;
                break;
            }
        }
    }
    uc_free(r);
    return ok;
}

static bool parse_addr_len(const char **p, uint32_t *addr, size_t *len)
{
    uint64_t a, l;
    if (!parse_hex(p, &a) || **p != ',') {
        return false;
    }
    (*p)++;
    if (!parse_hex(p, &l) || a > UINT32_MAX || l > GDB_PACKET_MAX || a + l > (uint64_t)UINT32_MAX + 1u) {
        return false;
    }
    *addr = (uint32_t)a;
    *len = (size_t)l;
    return true;
}

/* ---- the CPU side: one hook call before every instruction ---- */

static bool interrupt_requested(struct sim_gdb *g)
{
    struct pollfd pfd = { .fd = g->fd, .events = POLLIN };
    while (poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN)) {
        uint8_t c;
        ssize_t n = recv(g->fd, &c, 1, MSG_DONTWAIT);
        if (n <= 0) {
            return true; /* connection lost: halt, the serve loop sees it */
        }
        if (c == 0x03) {
            return true;
        }
    }
    return false;
}

static bool breakpoint_at(const struct sim_gdb *g, uint32_t a)
{
    for (unsigned i = 0; i < g->nbp; i++) {
        if (g->bp[i] == a) {
            return true;
        }
    }
    return false;
}

static void on_insn(uc_engine *uc, uint64_t address, uint32_t size, void *ud)
{
    (void)size;
    struct sim *s = ud;
    struct sim_gdb *g = s->gdb;
    uint32_t a = (uint32_t)address;
    bool first = g->resume_pending;
    bool resumed_here = first && a == g->resume_pc;
    g->resume_pending = false;
    if (g->attached && !resumed_here) {
        int sig = 0;
        bool swbreak = false;
        /* A step ends after one instruction, or before the first one of an exception
         * handler entered instead of the instruction at the resume address (as the core's
         * halting step does). */
        if (g->step && (g->executed > 0u || first)) {
            sig = GDB_SIGTRAP;
        } else if (breakpoint_at(g, a)) {
            sig = GDB_SIGTRAP;
            swbreak = true;
        } else if (--g->poll_in == 0u) {
            g->poll_in = GDB_POLL_EVERY;
            sig = interrupt_requested(g) ? GDB_SIGINT : 0;
        }
        if (sig != 0) {
            g->halted = true;
            g->stop_signal = sig;
            g->stop_swbreak = swbreak;
            uc_emu_stop(uc);
            return; /* not executed: the CPU stops before this instruction */
        }
    }
    g->executed++;
    s->instructions++;
    s->cycles++;
    s->now_ps += s->period_ps;
}

/* ---- requests ---- */

static void reply_regs(struct sim *s, struct sim_gdb *g)
{
    size_t n = 0;
    for (unsigned r = 0; r < GDB_NUM_REGS; r++) {
        unsigned bytes;
        uint64_t v = 0;
        uc_reg_read(s->uc, uc_reg_of(r, &bytes), &v);
        if (r == GDB_REG_XPSR) {
            v |= 1u << 24; /* T: the M-profile only runs Thumb */
        }
        n += put_hex_le(g->pkt + n, v, bytes);
    }
    send_packet(g, g->pkt, n);
}

static bool write_reg(struct sim *s, unsigned r, uint64_t v)
{
    unsigned bytes;
    int id = uc_reg_of(r, &bytes);
    if (id < 0) {
        return false;
    }
    if (bytes == 4u) {
        uint32_t w = (uint32_t)v;
        if (r == 15u) {
            w |= 1u;
        }
        return uc_reg_write(s->uc, id, &w) == UC_ERR_OK;
    }
    return uc_reg_write(s->uc, id, &v) == UC_ERR_OK;
}

static void cmd_breakpoint(struct sim_gdb *g, const char *p, bool insert)
{
    uint64_t a, kind;
    p += 3; /* "Z0," or "z1," */
    if (!parse_hex(&p, &a) || *p != ',' || (p++, !parse_hex(&p, &kind)) || a > UINT32_MAX) {
        send_str(g, "E01");
        return;
    }
    uint32_t addr = (uint32_t)a & ~1u;
    for (unsigned i = 0; i < g->nbp; i++) {
        if (g->bp[i] == addr) {
            if (!insert) {
                g->bp[i] = g->bp[--g->nbp];
            }
            send_str(g, "OK");
            return;
        }
    }
    if (!insert) {
        send_str(g, "OK");
        return;
    }
    if (g->nbp >= GDB_MAX_BREAKPOINTS) {
        send_str(g, "E02");
        return;
    }
    g->bp[g->nbp++] = addr;
    send_str(g, "OK");
}

static void cmd_xfer_features(struct sim_gdb *g, const char *p)
{
    const char *xml = target_xml();
    uint64_t off, len;
    if (strncmp(p, "target.xml:", 11) != 0) {
        send_str(g, "E00");
        return;
    }
    p += 11;
    if (!parse_hex(&p, &off) || *p != ',' || (p++, !parse_hex(&p, &len))) {
        send_str(g, "E01");
        return;
    }
    size_t total = strlen(xml);
    if (len > GDB_PACKET_MAX / 2u) {
        len = GDB_PACKET_MAX / 2u;
    }
    if (off >= total) {
        send_str(g, "l");
        return;
    }
    size_t n = total - (size_t)off < len ? total - (size_t)off : (size_t)len;
    /* The XML has none of the characters binary data must escape ('#', '$', '}', '*'). */
    g->pkt[0] = off + n < total ? 'm' : 'l';
    memcpy(g->pkt + 1, xml + off, n);
    send_packet(g, g->pkt, n + 1u);
}

static void cmd_monitor(struct sim *s, struct sim_gdb *g, const char *p)
{
    char cmd[64];
    size_t n = 0;
    while (p[0] && p[1] && n + 1u < sizeof cmd) {
        int h = hexval(p[0]), l = hexval(p[1]);
        if (h < 0 || l < 0) {
            break;
        }
        cmd[n++] = (char)((h << 4) | l);
        p += 2;
    }
    cmd[n] = '\0';
    char text[200];
    if (strcmp(cmd, "time") == 0) {
        snprintf(text, sizeof text, "virtual time %" PRIu64 " ps, %" PRIu64 " instructions, core %" PRIu32 " Hz\n",
                 s->now_ps, s->instructions, s->core_hz);
    } else {
        snprintf(text, sizeof text, "extmem-sim monitor commands: time\n");
    }
    size_t k = 0;
    g->pkt[k++] = 'O';
    for (size_t i = 0; text[i] != '\0'; i++) {
        k += put_hex_le(g->pkt + k, (uint8_t)text[i], 1);
    }
    send_packet(g, g->pkt, k);
    send_str(g, "OK");
}

/* Resume request: c, s, vCont;c / vCont;s (one thread: the first action counts). An address
 * argument sets the PC first. Returns false when the packet is not a resume. */
static bool parse_resume(struct sim *s, const char *p, bool *step)
{
    if (strncmp(p, "vCont;", 6) == 0) {
        p += 6;
        if (*p != 'c' && *p != 's' && *p != 'C' && *p != 'S') {
            return false;
        }
        *step = *p == 's' || *p == 'S';
        return true;
    }
    if (*p != 'c' && *p != 's') {
        return false;
    }
    *step = *p == 's';
    uint64_t a;
    p++;
    if (*p != '\0') {
        if (!parse_hex(&p, &a) || a > UINT32_MAX) {
            return false;
        }
        uint32_t pc = (uint32_t)a | 1u;
        uc_reg_write(s->uc, UC_ARM_REG_PC, &pc);
    }
    return true;
}

static void send_stop(struct sim_gdb *g)
{
    char r[32];
    snprintf(r, sizeof r, "T%02x%s", g->stop_signal, g->stop_swbreak ? "swbreak:;" : "");
    send_str(g, r);
}

/* Handles one request; returns 1 to resume the CPU, -1 to end the run, 0 to wait for more. */
static int handle(struct sim *s, struct sim_gdb *g, int len)
{
    const char *p = g->pkt;
    uint32_t addr;
    size_t n;
    bool step;
    switch (p[0]) {
    case '?':
        send_stop(g);
        return 0;
    case 'g':
        reply_regs(s, g);
        return 0;
    case 'G': {
        const char *q = p + 1;
        for (unsigned r = 0; r < GDB_NUM_REGS && *q; r++) {
            unsigned bytes;
            uint64_t v;
            uc_reg_of(r, &bytes);
            if (!get_hex_le(&q, bytes, &v) || !write_reg(s, r, v)) {
                send_str(g, "E01");
                return 0;
            }
        }
        send_str(g, "OK");
        return 0;
    }
    case 'p': case 'P': {
        uint64_t r, v = 0;
        const char *q = p + 1;
        unsigned bytes;
        if (!parse_hex(&q, &r) || r >= GDB_NUM_REGS || uc_reg_of((unsigned)r, &bytes) < 0) {
            send_str(g, "E01");
            return 0;
        }
        if (p[0] == 'P') {
            q += *q == '=' ? 1 : 0;
            send_str(g, get_hex_le(&q, bytes, &v) && write_reg(s, (unsigned)r, v) ? "OK" : "E01");
            return 0;
        }
        uc_reg_read(s->uc, uc_reg_of((unsigned)r, &bytes), &v);
        if (r == GDB_REG_XPSR) {
            v |= 1u << 24;
        }
        send_packet(g, g->pkt, put_hex_le(g->pkt, v, bytes));
        return 0;
    }
    case 'm': {
        const char *q = p + 1;
        uint8_t buf[GDB_PACKET_MAX / 2];
        if (!parse_addr_len(&q, &addr, &n) || n > sizeof buf) {
            send_str(g, "E01");
            return 0;
        }
        size_t got = mem_read(s, addr, buf, n);
        if (got == 0u && n > 0u) {
            send_str(g, "E01"); /* nothing mapped (or not readable now) at addr */
            return 0;
        }
        size_t k = 0;
        for (size_t i = 0; i < got; i++) {
            k += put_hex_le(g->pkt + k, buf[i], 1);
        }
        send_packet(g, g->pkt, k);
        return 0;
    }
    case 'M': case 'X': {
        const char *q = p + 1;
        uint8_t buf[GDB_PACKET_MAX];
        if (!parse_addr_len(&q, &addr, &n) || *q != ':') {
            send_str(g, "E01");
            return 0;
        }
        q++;
        const char *end = g->pkt + len;
        for (size_t i = 0; i < n; i++) {
            uint64_t v;
            if (p[0] == 'M') {
                if (!get_hex_le(&q, 1, &v)) {
                    send_str(g, "E01");
                    return 0;
                }
                buf[i] = (uint8_t)v;
            } else {
                if (q >= end || (*q == '}' && q + 1 >= end)) {
                    send_str(g, "E01");
                    return 0;
                }
                buf[i] = *q == '}' ? (uint8_t)(q[1] ^ 0x20) : (uint8_t)*q;
                q += *q == '}' ? 2 : 1;
            }
        }
        bool ok = mem_writable(s, addr, n) && (n == 0u || uc_mem_write(s->uc, addr, buf, n) == UC_ERR_OK);
        send_str(g, ok ? "OK" : "E01");
        return 0;
    }
    case 'Z': case 'z':
        if ((p[1] == '0' || p[1] == '1') && p[2] == ',') {
            cmd_breakpoint(g, p, p[0] == 'Z');
        } else {
            send_str(g, ""); /* watchpoints: not supported */
        }
        return 0;
    case 'k':
        return -1;
    case 'D':
        send_str(g, "OK");
        g->attached = false;
        g->nbp = 0;
        return 1;
    case 'H':
        send_str(g, "OK");
        return 0;
    case 'T':
        send_str(g, "OK");
        return 0;
    default:
        break;
    }
    if (parse_resume(s, p, &step)) {
        g->step = step;
        return 1;
    }
    if (strncmp(p, "qSupported", 10) == 0) {
        char r[128];
        snprintf(r, sizeof r, "PacketSize=%x;qXfer:features:read+;swbreak+;hwbreak+;QStartNoAckMode+;vContSupported+",
                 GDB_PACKET_MAX);
        send_str(g, r);
    } else if (strncmp(p, "qXfer:features:read:", 20) == 0) {
        cmd_xfer_features(g, p + 20);
    } else if (strcmp(p, "QStartNoAckMode") == 0) {
        send_str(g, "OK");
        g->no_ack = true;
    } else if (strncmp(p, "qAttached", 9) == 0) {
        send_str(g, "1");
    } else if (strcmp(p, "vCont?") == 0) {
        send_str(g, "vCont;c;C;s;S");
    } else if (strncmp(p, "vKill", 5) == 0) {
        send_str(g, "OK");
        return -1;
    } else if (strncmp(p, "qRcmd,", 6) == 0) {
        cmd_monitor(s, g, p + 6);
    } else if (strcmp(p, "qC") == 0) {
        send_str(g, "QC1");
    } else if (strcmp(p, "qfThreadInfo") == 0) {
        send_str(g, "m1");
    } else if (strcmp(p, "qsThreadInfo") == 0) {
        send_str(g, "l");
    } else {
        send_str(g, ""); /* not supported */
    }
    return 0;
}

/* ---- the run loop's side ---- */

bool gdb_serve(struct sim *s, uint32_t *pc)
{
    struct sim_gdb *g = s->gdb;
    if (g == NULL || !g->attached || !g->halted) {
        return true;
    }
    uint32_t v = *pc | 1u;
    uc_reg_write(s->uc, UC_ARM_REG_PC, &v);
    if (g->report_stop) {
        send_stop(g);
        g->report_stop = false;
    }
    for (;;) {
        int len = read_packet(g);
        int r = len < 0 ? -2 : handle(s, g, len);
        if (r == 0) {
            continue;
        }
        if (r == -2) {
            sim_printf(s, "sim: gdb: connection closed by the debugger: run stopped");
        } else if (r < 0) {
            sim_printf(s, "sim: gdb: run ended by the debugger (kill)");
        }
        if (r < 0) {
            g->attached = false;
            s->stop = true;
            return false;
        }
        uc_reg_read(s->uc, UC_ARM_REG_PC, &v);
        *pc = v | 1u;
        g->halted = false;
        g->report_stop = g->attached;
        g->resume_pending = true;
        g->resume_pc = *pc & ~1u;
        g->executed = 0;
        g->poll_in = GDB_POLL_EVERY;
        if (!g->attached) {
            sim_printf(s, "sim: gdb: debugger detached, running on");
        }
        return true;
    }
}

bool gdb_halted(const struct sim *s)
{
    return s->gdb != NULL && s->gdb->attached && s->gdb->halted;
}

int gdb_attach(struct sim *s, unsigned port)
{
    struct sim_gdb *g = &gdb_state;
    memset(g, 0, sizeof *g);
    g->fd = -1;
    g->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    if (g->listen_fd < 0) {
        fprintf(stderr, "extmem-sim: --gdb: socket: %s\n", strerror(errno));
        return -1;
    }
    int one = 1;
    setsockopt(g->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                              .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t sl = sizeof sa;
    if (bind(g->listen_fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(g->listen_fd, 1) != 0 ||
        getsockname(g->listen_fd, (struct sockaddr *)&sa, &sl) != 0) {
        fprintf(stderr, "extmem-sim: --gdb: cannot listen on 127.0.0.1:%u: %s\n", port, strerror(errno));
        close(g->listen_fd);
        return -1;
    }
    sim_printf(s, "sim: gdb: listening on 127.0.0.1:%u, waiting for the debugger", (unsigned)ntohs(sa.sin_port));
    struct pollfd pfd = { .fd = g->listen_fd, .events = POLLIN };
    int ready;
    do {
        ready = poll(&pfd, 1, GDB_ACCEPT_TIMEOUT_S * 1000);
    } while (ready < 0 && errno == EINTR);
    if (ready == 0) {
        fprintf(stderr, "extmem-sim: --gdb: no debugger connected within %u s\n", GDB_ACCEPT_TIMEOUT_S);
        close(g->listen_fd);
        return -1;
    }
    do {
        g->fd = accept(g->listen_fd, NULL, NULL);
    } while (g->fd < 0 && errno == EINTR);
    if (g->fd < 0) {
        fprintf(stderr, "extmem-sim: --gdb: accept: %s\n", strerror(errno));
        close(g->listen_fd);
        return -1;
    }
    close(g->listen_fd); /* one debugger per run */
    g->listen_fd = -1;
    setsockopt(g->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    uc_hook h;
    if (uc_hook_add(s->uc, &h, UC_HOOK_CODE, (void *)on_insn, s, 1, 0) != UC_ERR_OK) {
        fprintf(stderr, "extmem-sim: --gdb: cannot hook the CPU\n");
        close(g->fd);
        return -1;
    }
    g->attached = true;
    g->halted = true; /* at the boot's reset vector, before its first instruction */
    g->stop_signal = GDB_SIGTRAP;
    g->poll_in = GDB_POLL_EVERY;
    s->gdb = g;
    sim_printf(s, "sim: gdb: debugger connected, halted at the boot's reset vector");
    return 0;
}

void gdb_detach(struct sim *s, int exit_status)
{
    struct sim_gdb *g = s->gdb;
    if (g == NULL) {
        return;
    }
    if (g->attached && g->report_stop && s->stop && exit_status == SIM_EXIT_FAULT) {
        /* The CPU locked up (or stopped on an error) under the debugger: show it as SIGSEGV
         * and let the debugger look at the state before the exit is reported. */
        uint32_t pc = 0;
        uc_reg_read(s->uc, UC_ARM_REG_PC, &pc);
        g->halted = true;
        g->stop_signal = GDB_SIGSEGV;
        g->stop_swbreak = false;
        if (!gdb_serve(s, &pc)) {
            close(g->fd);
            return;
        }
    }
    if (g->attached && g->report_stop) { /* it waits for the end of a continue or step */
        char r[8];
        snprintf(r, sizeof r, "W%02x", exit_status & 0xFF);
        send_str(g, r);
    }
    close(g->fd);
    g->attached = false;
}

/* extmem-image: build, inspect and verify extmem boot images (header + payload).
 *
 *   extmem-image pack [--xip] [--load ADDR] [--version X.Y.Z] [--vtor-offset N] -o OUT IN
 *   extmem-image inspect FILE
 *   extmem-image verify FILE [--store-size N] [--store-base A] [--code-base A --code-size N]
 *                            [--boot-ram A:N]...
 *
 * IN is an ELF32 little-endian ARM executable (loadable contents flattened by load address,
 * as objcopy -O binary does) or a raw binary (then --load is required). The payload starts with
 * the vector table unless --vtor-offset says otherwise: word 0 is the initial SP, word 1 the
 * reset handler. The header format and every check come from firmware/lib/image.h, the same
 * code the boot runs.
 *
 * Errors: one line "extmem-image: <what>" on stderr, exit status 1; usage errors exit 2. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crc32.h"
#include "image.h"
#include "sha256.h"

#define TOOL_NAME        "extmem-image"
#define EXIT_FAIL        1
#define EXIT_USAGE       2
/* Bounds that keep every input, however hostile, to a bounded amount of memory and time. */
#define TOOL_MAX_INPUT   (1024u * 1024u * 1024u) /* bytes read from any input file */
#define TOOL_MAX_PAYLOAD (256u * 1024u * 1024u)  /* largest external flash/RAM we support */
/* XiP vector tables sit right after the header: with the default header they are 1 KiB
 * aligned, which VTOR needs for the H7's vector count (see IMAGE_HEADER_SIZE_DEFAULT). */
#define TOOL_XIP_ALIGN   IMAGE_HEADER_SIZE_DEFAULT
/* A firmware ELF has a handful of segments and a few dozen sections; these caps keep the
 * section-in-segment search small on crafted files. */
#define TOOL_MAX_PHNUM   256u
#define TOOL_MAX_SHNUM   4096u

struct buf {
	uint8_t *data;
	size_t len;
};

static void errmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void errmsg(const char *fmt, ...)
{
	va_list ap;
	fputs(TOOL_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int usage_error(const char *what, const char *arg)
{
	if (arg != NULL)
		errmsg("%s '%s' (see " TOOL_NAME " --help)", what, arg);
	else
		errmsg("%s (see " TOOL_NAME " --help)", what);
	return EXIT_USAGE;
}

static void print_help(void)
{
	puts("usage:\n"
	     "  " TOOL_NAME " pack [--xip] [--load ADDR] [--version X.Y.Z] [--vtor-offset N] -o OUT IN\n"
	     "      IN: ELF32 ARM executable or raw binary (raw needs --load). --load is the\n"
	     "      payload's run address; for an ELF it defaults to, and must equal, the lowest\n"
	     "      load address. --xip: the payload executes in place at store base + 0x400.\n"
	     "  " TOOL_NAME " inspect FILE\n"
	     "      print every header field and whether header CRC and payload SHA-256 are good\n"
	     "  " TOOL_NAME " verify FILE [--store-size N] [--store-base A] [--code-base A --code-size N]\n"
	     "                        [--boot-ram A:N]...\n"
	     "      run the boot's checks; defaults: store = file size, code area = whole address\n"
	     "      space, store base (XiP) = load address - header size\n"
	     "Numbers: decimal or 0x hex, sizes may end in K or M.");
}

/* Decimal or 0x-hex, optional K/M suffix when allow_suffix; the whole string must be used. */
static bool parse_u32(const char *s, bool allow_suffix, uint32_t *out)
{
	uint64_t v = 0;
	unsigned base = 10;
	const char *p = s;
	bool any = false;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	for (; *p != '\0'; p++) {
		unsigned d;
		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			break;
		v = v * base + d;
		if (v > UINT32_MAX)
			return false;
		any = true;
	}
	if (!any)
		return false;
	if (allow_suffix && (*p == 'K' || *p == 'k')) {
		v *= 1024u;
		p++;
	} else if (allow_suffix && (*p == 'M' || *p == 'm')) {
		v *= 1024u * 1024u;
		p++;
	}
	if (*p != '\0' || v > UINT32_MAX)
		return false;
	*out = (uint32_t)v;
	return true;
}

/* "X.Y.Z" with X, Y < 256 and Z < 65536 (IMAGE_VERSION packing). */
static bool parse_version(const char *s, uint32_t *out)
{
	uint32_t part[3] = { 0, 0, 0 };
	const uint32_t max[3] = { 0xffu, 0xffu, 0xffffu };
	const char *p = s;

	for (int i = 0; i < 3; i++) {
		bool any = false;
		while (*p >= '0' && *p <= '9') {
			part[i] = part[i] * 10u + (uint32_t)(*p - '0');
			if (part[i] > max[i])
				return false;
			p++;
			any = true;
		}
		if (!any)
			return false;
		if (i < 2) {
			if (*p != '.')
				return false;
			p++;
		}
	}
	if (*p != '\0')
		return false;
	*out = IMAGE_VERSION(part[0], part[1], part[2]);
	return true;
}

static int read_file(const char *path, struct buf *out)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	int rc = EXIT_FAIL;

	out->data = NULL;
	out->len = 0;
	if (fd < 0) {
		errmsg("%s: cannot open: %s", path, strerror(errno));
		return EXIT_FAIL;
	}
	if (fstat(fd, &st) != 0) {
		errmsg("%s: cannot stat: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		errmsg("%s: not a regular file", path);
		goto out;
	}
	if ((uint64_t)st.st_size > TOOL_MAX_INPUT) {
		errmsg("%s: too large (%lld bytes, limit %u)", path, (long long)st.st_size,
		       TOOL_MAX_INPUT);
		goto out;
	}
	size_t want = (size_t)st.st_size;
	out->data = malloc(want != 0u ? want : 1u);
	if (out->data == NULL) {
		errmsg("%s: out of memory", path);
		goto out;
	}
	while (out->len < want) {
		ssize_t n = read(fd, out->data + out->len, want - out->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			errmsg("%s: read error: %s", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break; /* file shrank while reading: keep what is there */
		out->len += (size_t)n;
	}
	rc = 0;
out:
	if (rc != 0) {
		free(out->data);
		out->data = NULL;
		out->len = 0;
	}
	close(fd);
	return rc;
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

/* ---- ELF input ---- */

/* A run of file bytes that goes to load address paddr. */
struct piece {
	uint32_t paddr;
	uint32_t size;
	uint32_t offset;
};

static int piece_cmp(const void *a, const void *b)
{
	const struct piece *x = a, *y = b;
	return (x->paddr > y->paddr) - (x->paddr < y->paddr);
}

static bool is_elf(const struct buf *in)
{
	return in->len >= SELFMAG && memcmp(in->data, ELFMAG, SELFMAG) == 0;
}

/* Reads program header i, already bounded by the caller. */
static Elf32_Phdr elf_phdr(const struct buf *in, const Elf32_Ehdr *eh, unsigned i)
{
	Elf32_Phdr ph;
	memcpy(&ph, in->data + eh->e_phoff + (size_t)i * sizeof ph, sizeof ph);
	return ph;
}

/* The allocated sections with contents, placed at their load address through the PT_LOAD
 * segment holding them. Whole segments are not enough: ld puts the ELF and program
 * headers into the first segment when there is room below the code (an XiP app linked at
 * store base + 0x400 has exactly 1 KiB there), and those bytes are no part of the program. */
static int elf_pieces_from_sections(const char *path, const struct buf *in, const Elf32_Ehdr *eh,
                                    struct piece *pieces, size_t *n)
{
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		Elf32_Shdr sh;
		memcpy(&sh, in->data + eh->e_shoff + (size_t)i * sizeof sh, sizeof sh);
		if ((sh.sh_flags & SHF_ALLOC) == 0u || sh.sh_type == SHT_NOBITS || sh.sh_size == 0u)
			continue;
		bool placed = false;
		for (unsigned j = 0; j < eh->e_phnum && !placed; j++) {
			Elf32_Phdr ph = elf_phdr(in, eh, j);
			if (ph.p_type != PT_LOAD || sh.sh_offset < ph.p_offset ||
			    (uint64_t)sh.sh_offset + sh.sh_size > (uint64_t)ph.p_offset + ph.p_filesz)
				continue;
			pieces[*n].paddr = ph.p_paddr + (sh.sh_offset - ph.p_offset);
			pieces[*n].size = sh.sh_size;
			pieces[*n].offset = sh.sh_offset;
			if ((uint64_t)ph.p_paddr + (sh.sh_offset - ph.p_offset) + sh.sh_size >
			    (uint64_t)UINT32_MAX + 1u) {
				errmsg("%s: ELF section %u extends past 4 GiB", path, i);
				return EXIT_FAIL;
			}
			(*n)++;
			placed = true;
		}
		if (!placed) {
			errmsg("%s: ELF section %u is allocated but in no loadable segment", path, i);
			return EXIT_FAIL;
		}
	}
	return 0;
}

/* Without section headers (stripped with --strip-sections): the segments' file bytes. */
static int elf_pieces_from_segments(const char *path, const struct buf *in, const Elf32_Ehdr *eh,
                                    struct piece *pieces, size_t *n)
{
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		Elf32_Phdr ph = elf_phdr(in, eh, i);
		if (ph.p_type != PT_LOAD || ph.p_filesz == 0u)
			continue; /* .bss-only segments have no bytes to store */
		if ((uint64_t)ph.p_paddr + ph.p_filesz > (uint64_t)UINT32_MAX + 1u) {
			errmsg("%s: ELF segment %u extends past 4 GiB", path, i);
			return EXIT_FAIL;
		}
		pieces[*n].paddr = ph.p_paddr;
		pieces[*n].size = ph.p_filesz;
		pieces[*n].offset = ph.p_offset;
		(*n)++;
	}
	return 0;
}

/* Flattens the loadable contents by physical (load) address into one zero-filled binary
 * starting at the lowest address, as objcopy -O binary does. */
static int elf_flatten(const char *path, const struct buf *in, struct buf *payload,
                       uint32_t *lowest)
{
	Elf32_Ehdr eh;
	struct piece *pieces = NULL;
	size_t n = 0;
	int rc = EXIT_FAIL;

	payload->data = NULL;
	payload->len = 0;
	if (in->len < sizeof eh) {
		errmsg("%s: truncated ELF header", path);
		return EXIT_FAIL;
	}
	memcpy(&eh, in->data, sizeof eh);
	if (eh.e_ident[EI_CLASS] != ELFCLASS32) {
		errmsg("%s: not a 32-bit ELF", path);
		return EXIT_FAIL;
	}
	if (eh.e_ident[EI_DATA] != ELFDATA2LSB) {
		errmsg("%s: not a little-endian ELF", path);
		return EXIT_FAIL;
	}
	if (eh.e_machine != EM_ARM) {
		errmsg("%s: not an ARM ELF (e_machine %u)", path, (unsigned)eh.e_machine);
		return EXIT_FAIL;
	}
	if (eh.e_type != ET_EXEC) {
		errmsg("%s: not an executable ELF (e_type %u): link it first", path,
		       (unsigned)eh.e_type);
		return EXIT_FAIL;
	}
	if (eh.e_phnum == 0 || eh.e_phnum == PN_XNUM) {
		errmsg("%s: ELF has no program headers", path);
		return EXIT_FAIL;
	}
	if (eh.e_phnum > TOOL_MAX_PHNUM) {
		errmsg("%s: ELF has %u program headers (limit %u)", path, (unsigned)eh.e_phnum,
		       TOOL_MAX_PHNUM);
		return EXIT_FAIL;
	}
	if (eh.e_phentsize != sizeof(Elf32_Phdr)) {
		errmsg("%s: bad ELF program header size %u", path, (unsigned)eh.e_phentsize);
		return EXIT_FAIL;
	}
	if ((uint64_t)eh.e_phoff + (uint64_t)eh.e_phnum * sizeof(Elf32_Phdr) > in->len) {
		errmsg("%s: ELF program headers past the end of the file", path);
		return EXIT_FAIL;
	}
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf32_Phdr ph = elf_phdr(in, &eh, i);
		if (ph.p_type == PT_LOAD && (uint64_t)ph.p_offset + ph.p_filesz > in->len) {
			errmsg("%s: ELF segment %u past the end of the file", path, i);
			return EXIT_FAIL;
		}
	}
	/* e_shnum == 0 with e_shoff != 0 is the extended numbering (>= 0xff00 sections), which
	 * no firmware has: treat it as "no section headers". */
	bool use_sections = eh.e_shnum != 0u && eh.e_shoff != 0u;
	if (use_sections) {
		if (eh.e_shnum > TOOL_MAX_SHNUM) {
			errmsg("%s: ELF has %u section headers (limit %u)", path, (unsigned)eh.e_shnum,
			       TOOL_MAX_SHNUM);
			return EXIT_FAIL;
		}
		if (eh.e_shentsize != sizeof(Elf32_Shdr)) {
			errmsg("%s: bad ELF section header size %u", path, (unsigned)eh.e_shentsize);
			return EXIT_FAIL;
		}
		if ((uint64_t)eh.e_shoff + (uint64_t)eh.e_shnum * sizeof(Elf32_Shdr) > in->len) {
			errmsg("%s: ELF section headers past the end of the file", path);
			return EXIT_FAIL;
		}
	}

	size_t cap = use_sections ? eh.e_shnum : eh.e_phnum;
	pieces = calloc(cap, sizeof *pieces);
	if (pieces == NULL) {
		errmsg("%s: out of memory", path);
		return EXIT_FAIL;
	}
	if (use_sections)
		rc = elf_pieces_from_sections(path, in, &eh, pieces, &n);
	else
		rc = elf_pieces_from_segments(path, in, &eh, pieces, &n);
	if (rc != 0)
		goto out;
	rc = EXIT_FAIL;
	if (n == 0) {
		errmsg("%s: ELF has no loadable bytes", path);
		goto out;
	}

	qsort(pieces, n, sizeof *pieces, piece_cmp);
	uint64_t lo = pieces[0].paddr, hi = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t end = (uint64_t)pieces[i].paddr + pieces[i].size;
		if (i > 0 && pieces[i].paddr < hi) {
			errmsg("%s: ELF contents overlap at load address 0x%08x", path,
			       (unsigned)pieces[i].paddr);
			goto out;
		}
		if (end > hi)
			hi = end;
	}
	if (hi - lo > TOOL_MAX_PAYLOAD) {
		errmsg("%s: ELF spans 0x%llx bytes from 0x%08llx (limit 0x%x): segments far apart?",
		       path, (unsigned long long)(hi - lo), (unsigned long long)lo, TOOL_MAX_PAYLOAD);
		goto out;
	}
	payload->len = (size_t)(hi - lo);
	payload->data = calloc(payload->len, 1);
	if (payload->data == NULL) {
		errmsg("%s: out of memory", path);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		memcpy(payload->data + (pieces[i].paddr - lo), in->data + pieces[i].offset,
		       pieces[i].size);
	*lowest = (uint32_t)lo;
	rc = 0;
out:
	free(pieces);
	return rc;
}

/* ---- pack ---- */

static int write_image(const char *path, const struct image_header *h, const struct buf *payload)
{
	static const uint8_t zeros[IMAGE_HEADER_SIZE_DEFAULT];
	FILE *f = fopen(path, "wb");
	bool ok;

	if (f == NULL) {
		errmsg("%s: cannot create: %s", path, strerror(errno));
		return EXIT_FAIL;
	}
	ok = fwrite(h, sizeof *h, 1, f) == 1 &&
	     fwrite(zeros, h->header_size - sizeof *h, 1, f) == 1 &&
	     fwrite(payload->data, payload->len, 1, f) == 1;
	if (fclose(f) != 0)
		ok = false;
	if (!ok) {
		errmsg("%s: write error: %s", path, strerror(errno));
		if (remove(path) != 0)
			errmsg("%s: could not remove the partial file", path);
		return EXIT_FAIL;
	}
	return 0;
}

static int cmd_pack(int argc, char **argv)
{
	const char *in_path = NULL, *out_path = NULL;
	bool xip = false, have_load = false;
	uint32_t load = 0, version = 0, vtor = 0;
	struct buf in = { NULL, 0 }, payload = { NULL, 0 };
	int rc = EXIT_FAIL;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--xip") == 0) {
			xip = true;
		} else if (strcmp(a, "--load") == 0 || strcmp(a, "--version") == 0 ||
		           strcmp(a, "--vtor-offset") == 0 || strcmp(a, "-o") == 0) {
			if (v == NULL)
				return usage_error("missing value after", a);
			i++;
			if (strcmp(a, "--load") == 0) {
				if (!parse_u32(v, false, &load))
					return usage_error("bad address", v);
				have_load = true;
			} else if (strcmp(a, "--version") == 0) {
				if (!parse_version(v, &version))
					return usage_error("bad version (want X.Y.Z, X,Y < 256, Z < 65536)", v);
			} else if (strcmp(a, "--vtor-offset") == 0) {
				if (!parse_u32(v, true, &vtor))
					return usage_error("bad vector table offset", v);
			} else {
				out_path = v;
			}
		} else if (a[0] == '-' && a[1] != '\0') {
			return usage_error("unknown option", a);
		} else if (in_path == NULL) {
			in_path = a;
		} else {
			return usage_error("more than one input file", a);
		}
	}
	if (in_path == NULL)
		return usage_error("pack: missing input file", NULL);
	if (out_path == NULL)
		return usage_error("pack: missing -o OUT", NULL);

	if (read_file(in_path, &in) != 0)
		goto out;
	if (is_elf(&in)) {
		uint32_t lowest = 0;
		if (elf_flatten(in_path, &in, &payload, &lowest) != 0)
			goto out;
		if (have_load && load != lowest) {
			errmsg("%s: --load 0x%08x differs from the ELF's lowest load address 0x%08x "
			       "(the code is linked for that address)", in_path, (unsigned)load,
			       (unsigned)lowest);
			goto out;
		}
		load = lowest;
	} else {
		if (!have_load) {
			rc = usage_error("pack: a raw binary needs --load ADDR", NULL);
			goto out;
		}
		payload = in;
		in.data = NULL;
	}
	if (payload.len == 0) {
		errmsg("%s: empty input", in_path);
		goto out;
	}
	if (payload.len > TOOL_MAX_PAYLOAD) {
		errmsg("%s: payload of %zu bytes over the %u byte limit", in_path, payload.len,
		       TOOL_MAX_PAYLOAD);
		goto out;
	}
	if ((uint64_t)vtor + 8u > payload.len) {
		errmsg("%s: vector table offset 0x%x leaves no SP and reset words in the %zu byte payload",
		       in_path, (unsigned)vtor, payload.len);
		goto out;
	}
	if (xip && (load < IMAGE_HEADER_SIZE_DEFAULT || load % TOOL_XIP_ALIGN != 0u)) {
		errmsg("%s: XiP load address 0x%08x is not a 1 KiB aligned store base + 0x%x",
		       in_path, (unsigned)load, IMAGE_HEADER_SIZE_DEFAULT);
		goto out;
	}

	struct image_header h;
	memset(&h, 0, sizeof h);
	h.magic = IMAGE_MAGIC;
	h.header_version = IMAGE_HEADER_VERSION;
	h.header_size = IMAGE_HEADER_SIZE_DEFAULT;
	h.image_size = (uint32_t)payload.len;
	h.load_addr = load;
	h.initial_sp = rd32(payload.data + vtor);
	h.entry = rd32(payload.data + vtor + 4u);
	h.vtor_offset = vtor;
	h.version = version;
	h.flags = xip ? IMAGE_FLAG_XIP : 0u;
	sha256(payload.data, payload.len, h.payload_sha256);
	image_header_finalize(&h);

	/* Run the boot's own checks on what we are about to write, with limits that only
	 * assume the image itself: anything they reject, every boot would reject. */
	struct image_info info;
	struct image_limits lim;
	int err = image_parse_header(&h, sizeof h, &info);
	if (err == 0) {
		memset(&lim, 0, sizeof lim);
		lim.store_size = UINT32_MAX;
		lim.code.base = load;
		lim.code.size = (uint32_t)payload.len;
		lim.xip_base = xip ? load - IMAGE_HEADER_SIZE_DEFAULT : 0u;
		err = image_check_placement(&info, &lim);
	}
	if (err == 0)
		err = image_verify_payload(&info, payload.data);
	if (err != 0) {
		errmsg("%s: %s (load 0x%08x, size 0x%x, sp 0x%08x, entry 0x%08x)", in_path,
		       image_strerror(err), (unsigned)load, (unsigned)payload.len,
		       (unsigned)h.initial_sp, (unsigned)h.entry);
		goto out;
	}
	if (write_image(out_path, &h, &payload) != 0)
		goto out;
	rc = 0;
out:
	free(in.data);
	free(payload.data);
	return rc;
}

/* ---- inspect ---- */

static void print_hex(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%02x", p[i]);
}

static int cmd_inspect(int argc, char **argv)
{
	struct buf in = { NULL, 0 };
	struct image_header h;
	struct image_info info;
	int rc = EXIT_FAIL;

	if (argc != 1 || argv[0][0] == '-')
		return usage_error("inspect: want exactly one FILE", argc > 0 ? argv[0] : NULL);
	const char *path = argv[0];
	if (read_file(path, &in) != 0)
		return EXIT_FAIL;

	int err = image_parse_header(in.data, in.len, &info);
	if (err == IMAGE_E_TRUNCATED || err == IMAGE_E_MAGIC || err == IMAGE_E_ARG) {
		errmsg("%s: %s", path, image_strerror(err));
		goto out;
	}
	/* Enough bytes and the right magic: show every field, even those of a damaged header. */
	memcpy(&h, in.data, sizeof h);
	uint32_t crc = crc32(in.data, offsetof(struct image_header, header_crc));
	printf("magic: 0x%08x\n", (unsigned)h.magic);
	printf("header_version: %u\n", (unsigned)h.header_version);
	printf("header_size: 0x%x\n", (unsigned)h.header_size);
	printf("image_size: 0x%x (%u bytes)\n", (unsigned)h.image_size, (unsigned)h.image_size);
	printf("load_addr: 0x%08x\n", (unsigned)h.load_addr);
	printf("entry: 0x%08x\n", (unsigned)h.entry);
	printf("initial_sp: 0x%08x\n", (unsigned)h.initial_sp);
	printf("vtor_offset: 0x%x\n", (unsigned)h.vtor_offset);
	printf("version: %u.%u.%u (0x%08x)\n", (unsigned)IMAGE_VERSION_MAJOR(h.version),
	       (unsigned)IMAGE_VERSION_MINOR(h.version), (unsigned)IMAGE_VERSION_PATCH(h.version),
	       (unsigned)h.version);
	printf("flags: 0x%08x%s\n", (unsigned)h.flags, (h.flags & IMAGE_FLAG_XIP) ? " (xip)" : "");
	if (h.flags & IMAGE_FLAG_XIP)
		printf("store_base: 0x%08x\n", (unsigned)(h.load_addr - h.header_size));
	printf("payload_sha256: ");
	print_hex(h.payload_sha256, sizeof h.payload_sha256);
	printf("\n");
	printf("header_crc: 0x%08x (%s", (unsigned)h.header_crc, crc == h.header_crc ? "good" : "BAD");
	if (crc != h.header_crc)
		printf(", computed 0x%08x", (unsigned)crc);
	printf(")\n");
	if (err != 0) {
		printf("header: %s\n", image_strerror(err));
		printf("payload: not checked\n");
		errmsg("%s: %s", path, image_strerror(err));
		goto out;
	}
	printf("header: good\n");
	if ((uint64_t)info.header_size + info.image_size > in.len) {
		printf("payload: truncated (%zu of %llu bytes)\n", in.len,
		       (unsigned long long)info.header_size + info.image_size);
		errmsg("%s: truncated: file has %zu bytes, header says %llu", path, in.len,
		       (unsigned long long)info.header_size + info.image_size);
		goto out;
	}
	err = image_verify_payload(&info, in.data + info.header_size);
	printf("payload_sha256_check: %s\n", err == 0 ? "good" : "BAD");
	if (in.len > (uint64_t)info.header_size + info.image_size)
		printf("trailing_bytes: %llu\n",
		       (unsigned long long)(in.len - info.header_size - info.image_size));
	if (err != 0) {
		errmsg("%s: %s", path, image_strerror(err));
		goto out;
	}
	rc = 0;
out:
	free(in.data);
	return rc;
}

/* ---- verify ---- */

static bool parse_range(const char *s, struct image_range *r)
{
	const char *colon = strchr(s, ':');
	char base[32];
	size_t n;

	if (colon == NULL)
		return false;
	n = (size_t)(colon - s);
	if (n == 0 || n >= sizeof base)
		return false;
	memcpy(base, s, n);
	base[n] = '\0';
	return parse_u32(base, false, &r->base) && parse_u32(colon + 1, true, &r->size);
}

static int cmd_verify(int argc, char **argv)
{
	const char *path = NULL;
	bool have_store = false, have_code_base = false, have_code_size = false;
	bool have_store_base = false;
	struct image_limits lim;
	struct buf in = { NULL, 0 };
	struct image_info info;
	int rc = EXIT_FAIL;

	memset(&lim, 0, sizeof lim);
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (a[0] == '-' && a[1] != '\0') {
			if (v == NULL)
				return usage_error("missing value after", a);
			i++;
			if (strcmp(a, "--store-size") == 0) {
				if (!parse_u32(v, true, &lim.store_size))
					return usage_error("bad size", v);
				have_store = true;
			} else if (strcmp(a, "--store-base") == 0) {
				if (!parse_u32(v, false, &lim.xip_base) || lim.xip_base == 0u)
					return usage_error("bad store base address", v);
				have_store_base = true;
			} else if (strcmp(a, "--code-base") == 0) {
				if (!parse_u32(v, false, &lim.code.base))
					return usage_error("bad address", v);
				have_code_base = true;
			} else if (strcmp(a, "--code-size") == 0) {
				if (!parse_u32(v, true, &lim.code.size))
					return usage_error("bad size", v);
				have_code_size = true;
			} else if (strcmp(a, "--boot-ram") == 0) {
				if (lim.n_boot_ram >= IMAGE_MAX_RANGES)
					return usage_error("too many --boot-ram ranges, at most 4", v);
				if (!parse_range(v, &lim.boot_ram[lim.n_boot_ram]))
					return usage_error("bad range (want BASE:SIZE)", v);
				lim.n_boot_ram++;
			} else {
				return usage_error("unknown option", a);
			}
		} else if (path == NULL) {
			path = a;
		} else {
			return usage_error("more than one file", a);
		}
	}
	if (path == NULL)
		return usage_error("verify: missing FILE", NULL);
	if (have_code_base != have_code_size)
		return usage_error("--code-base and --code-size go together", NULL);

	if (read_file(path, &in) != 0)
		return EXIT_FAIL;
	int err = image_parse_header(in.data, in.len, &info);
	if (err != 0) {
		errmsg("%s: %s", path, image_strerror(err));
		goto out;
	}
	if ((uint64_t)info.header_size + info.image_size > in.len) {
		errmsg("%s: truncated: file has %zu bytes, header says %llu", path, in.len,
		       (unsigned long long)info.header_size + info.image_size);
		goto out;
	}
	if (!have_store)
		lim.store_size = in.len > UINT32_MAX ? UINT32_MAX : (uint32_t)in.len;
	if (!have_code_base) {
		lim.code.base = 0;
		lim.code.size = UINT32_MAX;
	}
	if (!have_store_base && (info.flags & IMAGE_FLAG_XIP) != 0u)
		lim.xip_base = info.load_addr - info.header_size; /* nothing to compare against */
	err = image_check_placement(&info, &lim);
	if (err != 0) {
		errmsg("%s: %s", path, image_strerror(err));
		goto out;
	}
	err = image_verify_payload(&info, in.data + info.header_size);
	if (err != 0) {
		errmsg("%s: %s", path, image_strerror(err));
		goto out;
	}
	printf("%s: ok (%s, load 0x%08x, %u bytes, entry 0x%08x, version %u.%u.%u)\n", path,
	       (info.flags & IMAGE_FLAG_XIP) ? "xip" : "copy", (unsigned)info.load_addr,
	       (unsigned)info.image_size, (unsigned)info.entry,
	       (unsigned)IMAGE_VERSION_MAJOR(info.version),
	       (unsigned)IMAGE_VERSION_MINOR(info.version),
	       (unsigned)IMAGE_VERSION_PATCH(info.version));
	rc = 0;
out:
	free(in.data);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("missing command (pack, inspect, verify)", NULL);
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		print_help();
		return 0;
	}
	if (strcmp(cmd, "pack") == 0)
		return cmd_pack(argc - 2, argv + 2);
	if (strcmp(cmd, "inspect") == 0)
		return cmd_inspect(argc - 2, argv + 2);
	if (strcmp(cmd, "verify") == 0)
		return cmd_verify(argc - 2, argv + 2);
	return usage_error("unknown command", cmd);
}

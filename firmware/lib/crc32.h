/* CRC-32 as in IEEE 802.3 / zlib: reflected, polynomial 0x04C11DB7 (0xEDB88320 reflected),
 * initial value and final XOR 0xFFFFFFFF. Check value: crc32("123456789") == 0xCBF43926. */
#ifndef EXTMEM_CRC32_H
#define EXTMEM_CRC32_H

#include <stddef.h>
#include <stdint.h>

#define CRC32_CHECK_VALUE 0xCBF43926u

/* Continues a CRC: pass 0 to start, pass the previous result to continue. The pre- and
 * post-inversion are inside, so crc32_update(crc32_update(0, a), b) == crc32(a || b). */
uint32_t crc32_update(uint32_t crc, const void *data, size_t len);

/* Inline on purpose: libunicorn.so (linked by the simulator) exports its own global
 * crc32(crc, buf, len) with zlib's signature; an out-of-line crc32 here would interpose
 * it through the dynamic symbol table. */
static inline uint32_t crc32(const void *data, size_t len)
{
	return crc32_update(0u, data, len);
}

#endif

/* libFuzzer: arbitrary bytes as an image (header, then payload) through the boot's checks.
 * Fixed limits model a QSPI XiP store on the H743I-EVAL. The harness asserts the contract
 * the boot relies on: an accepted header has bounded sizes, and placement only passes a
 * payload that lies in the store, the code area, and not in the boot's RAM. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"

#define FZ_QSPI_BASE  0x90000000u
#define FZ_QSPI_SIZE  0x04000000u
#define FZ_STORE_SIZE 0x00100000u

static const struct image_limits fz_limits = {
	.store_size = FZ_STORE_SIZE,
	.xip_base = FZ_QSPI_BASE,
	.max_image_size = FZ_STORE_SIZE,
	.code = { FZ_QSPI_BASE, FZ_QSPI_SIZE },
	/* The second "boot RAM" range sits inside the code area so that the overlap check is
	 * reachable with inputs that pass the code-area check. */
	.boot_ram = { { 0x20000000u, 0x00020000u }, { 0x9003F000u, 0x1000u } },
	.n_boot_ram = 2,
	.sp_ram = { { 0x20000000u, 0x00020000u }, { 0x24000000u, 0x00080000u } },
	.n_sp_ram = 2,
};

static void check_raw(const uint8_t *data, size_t size)
{
	if (size >= 8u) {
		uint32_t sp = (uint32_t)data[0] | ((uint32_t)data[1] << 8) |
		              ((uint32_t)data[2] << 16) | ((uint32_t)data[3] << 24);
		uint32_t reset = (uint32_t)data[4] | ((uint32_t)data[5] << 8) |
		                 ((uint32_t)data[6] << 16) | ((uint32_t)data[7] << 24);
		int raw = image_check_raw_vectors(sp, reset, &fz_limits);
		if (raw > 0 || raw < IMAGE_E_LAST)
			abort();
	}
}

static void check_image(const uint8_t *data, size_t size)
{
	struct image_info info;
	int err = image_parse_header(data, size, &info);
	if (err > 0 || err < IMAGE_E_LAST)
		abort();
	if (err != 0)
		return;
	if (info.header_size < sizeof(struct image_header) || info.header_size > IMAGE_HEADER_SIZE_MAX ||
	    info.image_size == 0u)
		abort();

	err = image_check_placement(&info, &fz_limits);
	if (err > 0 || err < IMAGE_E_LAST)
		abort();
	if (err != 0)
		return;
	uint64_t end = (uint64_t)info.load_addr + info.image_size;
	if ((uint64_t)info.header_size + info.image_size > FZ_STORE_SIZE ||
	    info.load_addr < FZ_QSPI_BASE || end > (uint64_t)FZ_QSPI_BASE + FZ_QSPI_SIZE ||
	    (info.load_addr < 0x9003F000u + 0x1000u && end > 0x9003F000u))
		abort();

	/* Hash the payload when the input holds it, as the boot does once it is addressable. */
	if ((uint64_t)info.header_size + info.image_size <= size) {
		err = image_verify_payload(&info, data + info.header_size);
		if (err != 0 && err != IMAGE_E_SHA)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_raw(data, size);
	check_image(data, size);

	/* Again with the header CRC made right, so that mutations reach the checks behind it.
	 * The copy has exactly size bytes: ASan still catches any read past the input. */
	if (size >= sizeof(struct image_header)) {
		uint8_t *copy = malloc(size);
		if (copy == NULL)
			return 0;
		memcpy(copy, data, size);
		struct image_header h;
		memcpy(&h, copy, sizeof h);
		image_header_finalize(&h);
		memcpy(copy, &h, sizeof h);
		check_image(copy, size);
		free(copy);
	}
	return 0;
}

/* Images and options handed to the chip's memory models by name. */
#include <string.h>
#include "chip.h"

struct chip_image *chip_image(struct chip_images *img, const char *name)
{
    for (unsigned i = 0; i < img->nimage; i++) {
        if (strcmp(img->image[i].name, name) == 0) {
            img->image[i].claimed = true;
            return &img->image[i];
        }
    }
    return NULL;
}

const char *chip_option(struct chip_images *img, const char *key)
{
    for (unsigned i = 0; i < img->noption; i++) {
        if (strcmp(img->option[i].key, key) == 0) {
            img->option[i].claimed = true;
            return img->option[i].value;
        }
    }
    return NULL;
}

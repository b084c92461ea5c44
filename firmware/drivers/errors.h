/* Error codes of the drivers: 0 is success, every failure a negative named value. */
#ifndef DRIVERS_ERRORS_H
#define DRIVERS_ERRORS_H
enum drv_err {
    DRV_OK = 0,
    DRV_ETIMEDOUT = -1,  /* a status bit did not come in time */
    DRV_EINVAL = -2,     /* configuration outside the part's or chip's limits */
    DRV_ENODEV = -3,     /* the device does not answer (reads all ones) */
    DRV_EID = -4,        /* the device answers with another identity */
    DRV_EVERIFY = -5,    /* a register read back differs from what was written */
    DRV_EIO = -6,        /* the controller reported a transfer error */
};
#endif

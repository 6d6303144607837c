/* What the display shows for a reading. */
#include "measure.h"

/* Implements: GM-5 */
const char *display_text(int mg_dl) {
    if (mg_dl > 600) return "HI";
    if (mg_dl < 20) return "LO";
    return 0; /* the caller formats the number */
}

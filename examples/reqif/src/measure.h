#ifndef MEASURE_H
#define MEASURE_H

int glucose_from_current(int nanoamps, int calibration_code);
int reading_in_range(int mg_dl);
const char *display_text(int mg_dl);

#endif

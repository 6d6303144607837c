#ifndef CHECK_H
#define CHECK_H

/* A minimal unit test harness: each test file has a main() that RUNs its tests. */

#include <stdio.h>

static int check_failures;
static int check_tests;

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);            \
            check_failures++;                                                          \
        }                                                                              \
    } while (0)

#define RUN(test)                                                                      \
    do {                                                                               \
        check_tests++;                                                                 \
        test();                                                                        \
    } while (0)

#define CHECK_DONE()                                                                   \
    (printf("%s: %d tests, %d failures\n", __FILE__, check_tests, check_failures),     \
     check_failures == 0 ? 0 : 1)

#endif /* CHECK_H */

/* export.h: marks the ILCD reader's API. The library is compiled with hidden symbol visibility
 * (CMakeLists.txt), so a shared build exports what is marked ILCD_EXTERN and nothing else; the
 * internals shared between its files carry the ilcd__ prefix, so that a static link cannot
 * collide with a program's own names. */
#ifndef ILCD_EXPORT_H
#define ILCD_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define ILCD_EXTERN __attribute__((visibility("default")))
#else
#define ILCD_EXTERN
#endif

#endif

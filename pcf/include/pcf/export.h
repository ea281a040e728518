/* export.h: marks the engine's API. The library is compiled with hidden symbol visibility
 * (CMakeLists.txt), so a shared build exports what is marked PCF_EXTERN and nothing else; the
 * internals shared between its files carry the pcf__ prefix, so that a static link cannot
 * collide with a program's own names. */
#ifndef PCF_EXPORT_H
#define PCF_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define PCF_EXTERN __attribute__((visibility("default")))
#else
#define PCF_EXTERN
#endif

#endif

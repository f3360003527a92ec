#include "reference/server/heap_policy.hpp"

#include <cstdlib>  // defines __GLIBC__ under glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace rm {

bool return_large_blocks_to_the_kernel() {
#if defined(__GLIBC__)
  // mallopt returns 1 on success.
  return ::mallopt(M_MMAP_THRESHOLD, kHeapMmapThresholdBytes) == 1 &&
         ::mallopt(M_TRIM_THRESHOLD, kHeapTrimThresholdBytes) == 1;
#else
  return false;
#endif
}

}  // namespace rm

// return_large_blocks_to_the_kernel: a large block is still mapped on its own
// after a larger one was freed (glibc's dynamic threshold would have put it in an
// arena), so freeing it gives the memory back.
#include "reference/server/heap_policy.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace rm {
namespace {

// Stores through a volatile pointer: the allocations below cannot be optimised away.
void* volatile sink = nullptr;

TEST(HeapPolicy, LargeBlocksStayMappedAfterALargerOneWasFreed) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "a sanitizer's allocator stands in for glibc's";
#elif !defined(__GLIBC__)
  GTEST_SKIP() << "glibc's heap only";
#else
  ASSERT_TRUE(return_large_blocks_to_the_kernel());
  // Without the policy, freeing this raises the mmap threshold to 8 MiB.
  sink = std::malloc(8u << 20);
  ASSERT_NE(sink, nullptr);
  std::memset(sink, 1, 4096);
  std::free(sink);
  const auto mapped_before = ::mallinfo2().hblks;
  sink = std::malloc(1u << 20);
  ASSERT_NE(sink, nullptr);
  EXPECT_EQ(::mallinfo2().hblks, mapped_before + 1) << "the 1 MiB block came from an arena";
  std::free(sink);
  EXPECT_EQ(::mallinfo2().hblks, mapped_before);
#endif
}

}  // namespace
}  // namespace rm

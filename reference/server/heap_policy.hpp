#pragma once
// How a long-running server asks the C library's heap to return what it frees.
//
// glibc serves a block above the mmap threshold (128 KiB at start) with its own
// mmap, unmapped at free; but freeing such a block raises the threshold to the
// block's size (up to 32 MiB), and from then on blocks of that size come from
// the arenas. In reference-server those are transient: the database text of a
// FileStore compaction, a listing's JSON, a large upload. Carved from an arena
// between long-lived records, they leave holes that the arenas keep, and the RSS
// creeps up while the live heap does not (scripts/soak, 10 min: live heap flat
// at ~7 MB, arenas' free space 6 -> 11 MB, RSS +13.8 % after warm-up). Fixing the
// thresholds turns that adjustment off, so large transient blocks are always
// mapped and unmapped whole.
namespace rm {

inline constexpr int kHeapMmapThresholdBytes = 128 * 1024;
inline constexpr int kHeapTrimThresholdBytes = 128 * 1024;

// Sets glibc's M_MMAP_THRESHOLD and M_TRIM_THRESHOLD to the values above.
// Returns false where they cannot be set (another C library, or a sanitizer's
// allocator in place of glibc's).
bool return_large_blocks_to_the_kernel();

}  // namespace rm

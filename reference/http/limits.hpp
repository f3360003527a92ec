#pragma once
// Request size limits shared by the router and the socket server.
#include <cstddef>

#include "reference/service/resume_service.hpp"

namespace rm {

// Room for the multipart framing (boundaries, part headers, other small fields)
// around a file of exactly kMaxUploadBytes.
inline constexpr std::size_t kMultipartOverheadBytes = 64 * 1024;
// The largest request body accepted at all; anything larger is 413 without being read.
inline constexpr std::size_t kMaxRequestBodyBytes = kMaxUploadBytes + kMultipartOverheadBytes;
// Nesting deeper than this in a JSON body is rejected (422) before anything recurses over it.
inline constexpr int kMaxJsonDepth = 256;

}  // namespace rm

#include "reference/domain/ids.hpp"

#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <random>

namespace rm {
namespace {

// Fallback only: one engine for the process, seeded from the OS, behind a
// mutex so that every request thread may use it.
std::uint64_t fallback_u64() {
  static std::mutex mutex;
  static std::mt19937_64 engine = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(),
                       device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  std::lock_guard lock(mutex);
  return engine();
}

}  // namespace

std::string new_uuid4() {
  std::array<std::uint8_t, 16> bytes{};
  // OpenSSL's CSPRNG is thread-safe; it only fails when the OS cannot seed it.
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    const std::uint64_t hi = fallback_u64();
    const std::uint64_t lo = fallback_u64();
    for (int i = 0; i < 8; ++i) {
      bytes[i] = static_cast<std::uint8_t>(hi >> (56 - 8 * i));
      bytes[8 + i] = static_cast<std::uint8_t>(lo >> (56 - 8 * i));
    }
  }
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0xF]);
  }
  return out;
}

std::string format_iso8601(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  const auto micros = floor<microseconds>(t);
  const auto days = floor<std::chrono::days>(micros);
  const year_month_day ymd{days};
  const hh_mm_ss hms{micros - days};
  const auto fraction = hms.subseconds().count();
  char buf[48];
  int n =
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                    static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                    static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                    static_cast<int>(hms.seconds().count()));
  if (fraction != 0) {
    n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%06lld",
                       static_cast<long long>(fraction));
  }
  return std::string(buf, static_cast<std::size_t>(n)) + "+00:00";
}

std::string now_iso8601() { return format_iso8601(std::chrono::system_clock::now()); }

}  // namespace rm

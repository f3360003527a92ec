// The per-connection request framer (reference/server/request_framer.*) on an
// arbitrary byte stream. Oracles:
//   - split invariance: the events (requests framed, their heads, body bytes,
//     completions, a rejection) are the same whether the stream arrives at
//     once, byte by byte, or cut at points drawn from the input;
//   - a body never exceeds its Content-Length nor the body limit, and a request
//     completes only with its whole body;
//   - a head with Transfer-Encoding, or with Content-Length values that are not
//     one decimal number, is rejected (4xx), never framed;
//   - nothing is framed after a rejection or after a request that ends the connection.
// Input: byte 0 = split seed (its top bit: the server's real limits instead of
// small ones), the rest = the stream.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/support/oracle.hpp"
#include "reference/http/limits.hpp"
#include "reference/server/pistache_server.hpp"
#include "reference/server/request_framer.hpp"

namespace {

constexpr const char* kTarget = "request_framer";
// Small enough that the fuzzer reaches 413 and 431 with short inputs.
constexpr rm::FramerLimits kSmallLimits{.max_head_bytes = 512, .max_body_bytes = 64};
// What reference-server uses (pistache_server.cpp).
constexpr rm::FramerLimits kServerLimits{.max_head_bytes = rm::kMaxRequestHeadBytes,
                                         .max_body_bytes = rm::kMaxRequestBodyBytes};
rm::FramerLimits kLimits = kSmallLimits;  // this input's

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Records the events as one transcript; consecutive body chunks are joined, so
// that only what a split may legitimately change (chunking) is ignored.
class Recorder : public rm::RequestFramer::Sink {
 public:
  void on_start() override {
    require_open("on_start");
    log_ += "S;";
  }
  void on_head(const rm::FramedHead& head, std::string_view raw) override {
    require_open("on_head");
    check_head(head, raw);
    log_ += "H:" + std::string(raw) + ";";
    body_.clear();
    expected_ = head.content_length;
    in_body_ = true;
  }
  void on_body(std::string_view bytes) override {
    require_open("on_body");
    rm::fuzz::require(in_body_, kTarget, "body bytes outside a request");
    body_.append(bytes);
    rm::fuzz::require(body_.size() <= expected_, kTarget, "a body exceeds its Content-Length");
    rm::fuzz::require(body_.size() <= kLimits.max_body_bytes, kTarget,
                      "a body exceeds the body limit");
  }
  void on_complete(const rm::FramedHead& head) override {
    require_open("on_complete");
    rm::fuzz::require(in_body_ && body_.size() == head.content_length, kTarget,
                      "a request completed without its whole body",
                      std::to_string(body_.size()) + " of " + std::to_string(head.content_length));
    log_ += "B:" + body_ + ";C;";
    in_body_ = false;
    if (!head.keep_alive) closed_ = true;
  }
  void on_reject(int status, const std::string& detail) override {
    require_open("on_reject");
    rm::fuzz::require(status >= 400 && status < 500, kTarget, "a rejection that is not a 4xx",
                      std::to_string(status));
    rm::fuzz::require(!detail.empty(), kTarget, "a rejection without a detail");
    // That, not how: with several problems in one head, the status and detail
    // name whichever the framer saw first, which depends on the split (a bare LF
    // after 8 KiB of request line is 400 at once, 414 byte by byte).
    log_ += "R;";
    closed_ = true;
  }

  const std::string& log() const { return log_; }

 private:
  void require_open(const char* event) const {
    rm::fuzz::require(!closed_, kTarget,
                      std::string(event) + " after the connection was rejected or ended");
  }

  static void check_head(const rm::FramedHead& head, std::string_view raw) {
    rm::fuzz::require(raw.size() <= kLimits.max_head_bytes, kTarget,
                      "a head over the head limit was framed");
    rm::fuzz::require(raw.size() >= 4 && raw.substr(raw.size() - 4) == "\r\n\r\n", kTarget,
                      "a head that does not end with the blank line");
    rm::fuzz::require(head.content_length <= kLimits.max_body_bytes, kTarget,
                      "a Content-Length over the limit was framed");
    bool saw_length = false;
    for (const auto& [name, value] : head.headers) {
      rm::fuzz::require(name == lower(name), kTarget, "a header name not lower-cased");
      rm::fuzz::require(name != "transfer-encoding", kTarget,
                        "a head with Transfer-Encoding was framed (guessing the body length)");
      if (name != "content-length") continue;
      saw_length = true;
      // Every element of every Content-Length must be the framed number.
      std::string_view rest = value;
      while (true) {
        const std::size_t comma = rest.find(',');
        std::string_view element = rest.substr(0, comma);
        while (!element.empty() && (element.front() == ' ' || element.front() == '\t')) {
          element.remove_prefix(1);
        }
        while (!element.empty() && (element.back() == ' ' || element.back() == '\t')) {
          element.remove_suffix(1);
        }
        if (!element.empty()) {
          rm::fuzz::require(element.find_first_not_of("0123456789") == std::string_view::npos,
                            kTarget, "a Content-Length that is not a decimal number was framed",
                            std::string(value));
          while (element.size() > 1 && element.front() == '0') element.remove_prefix(1);
          rm::fuzz::require(
              element.size() <= 15 && std::stoull(std::string(element)) == head.content_length,
              kTarget, "conflicting Content-Length values were framed", std::string(value));
        }
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
    }
    rm::fuzz::require(saw_length || head.content_length == 0, kTarget,
                      "a body length without a Content-Length header");
  }

  std::string log_;
  std::string body_;
  std::size_t expected_ = 0;
  bool in_body_ = false;
  bool closed_ = false;
};

std::string frame(std::string_view stream, const std::vector<std::size_t>& cuts) {
  rm::RequestFramer framer(kLimits);
  Recorder recorder;
  std::size_t from = 0;
  for (const std::size_t cut : cuts) {
    if (cut <= from || cut >= stream.size()) continue;
    framer.feed(stream.substr(from, cut - from), recorder);
    from = cut;
  }
  framer.feed(stream.substr(from), recorder);
  return recorder.log();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned seed = data[0] & 0x7F;
  kLimits = (data[0] & 0x80) != 0 ? kServerLimits : kSmallLimits;
  const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);

  const std::string whole = frame(stream, {});

  std::vector<std::size_t> every_byte;
  for (std::size_t i = 1; i < stream.size(); ++i) every_byte.push_back(i);
  const std::string bytewise = frame(stream, every_byte);
  if (bytewise != whole) {
    rm::fuzz::oracle_failed(
        kTarget, "framing depends on how the stream is split (byte by byte)",
        "whole: " + rm::fuzz::shorten(whole) + " | bytewise: " + rm::fuzz::shorten(bytewise));
  }

  // Cuts at seeded pseudo-random points (a small LCG keyed by the first byte).
  std::vector<std::size_t> cuts;
  std::uint32_t state = seed * 2654435761u + 1;
  for (std::size_t at = 0; at < stream.size();) {
    state = state * 1103515245u + 12345u;
    at += 1 + (state >> 16) % 37;
    cuts.push_back(at);
  }
  const std::string split = frame(stream, cuts);
  if (split != whole) {
    rm::fuzz::oracle_failed(
        kTarget, "framing depends on how the stream is split",
        "whole: " + rm::fuzz::shorten(whole) + " | split: " + rm::fuzz::shorten(split));
  }
  return 0;
}

#include "reference/server/request_framer.hpp"

#include <algorithm>
#include <cctype>

namespace rm {
namespace {

constexpr std::size_t kMaxRequestLineBytes = 8 * 1024;
constexpr std::size_t kMaxMethodBytes = 32;
constexpr std::size_t kMaxHeaderCount = 100;

// RFC 9110 tchar.
bool is_tchar(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

bool is_token(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_tchar);
}

// A control byte other than HTAB (obs-text, 0x80-0xFF, is allowed in values).
bool is_bad_value_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && c != '\t') || byte == 0x7F;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Comma-separated list elements, trimmed, empty ones dropped.
std::vector<std::string_view> list_elements(std::string_view value) {
  std::vector<std::string_view> out;
  while (true) {
    const std::size_t comma = value.find(',');
    const std::string_view element = trim(value.substr(0, comma));
    if (!element.empty()) out.push_back(element);
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return out;
}

HeadParse refuse(int status, std::string detail) {
  HeadParse out;
  out.status = status;
  out.detail = std::move(detail);
  return out;
}

// "METHOD SP origin-form SP HTTP/1.x"; nullopt-free: fills `head` or returns a detail.
std::optional<std::string> parse_request_line(std::string_view line, FramedHead& head) {
  const std::size_t first = line.find(' ');
  if (first == std::string_view::npos) return "malformed request line";
  const std::size_t second = line.find(' ', first + 1);
  if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos) {
    return "malformed request line";
  }
  const std::string_view method = line.substr(0, first);
  const std::string_view target = line.substr(first + 1, second - first - 1);
  const std::string_view version = line.substr(second + 1);
  if (!is_token(method) || method.size() > kMaxMethodBytes) return "malformed request method";
  if (target.empty() || target.front() != '/') return "malformed request target";
  for (const char c : target) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F) return "malformed request target";
  }
  if (version == "HTTP/1.1") {
    head.minor_version = 1;
  } else if (version == "HTTP/1.0") {
    head.minor_version = 0;
  } else {
    return "unsupported HTTP version (HTTP/1.0 and HTTP/1.1 are served)";
  }
  head.method = std::string(method);
  head.target = std::string(target);
  return std::nullopt;
}

}  // namespace

HeadParse parse_request_head(std::string_view text, std::size_t max_body_bytes) {
  FramedHead head;
  std::size_t line_end = text.find("\r\n");
  if (line_end == std::string_view::npos) return refuse(400, "malformed request line");
  if (auto error = parse_request_line(text.substr(0, line_end), head)) return refuse(400, *error);

  std::optional<std::size_t> content_length;
  bool transfer_encoding = false;
  bool close_token = false;
  bool keep_alive_token = false;
  std::size_t pos = line_end + 2;
  while (pos < text.size()) {
    line_end = text.find("\r\n", pos);
    if (line_end == std::string_view::npos) line_end = text.size();
    const std::string_view line = text.substr(pos, line_end - pos);
    pos = line_end + 2;
    if (line.empty()) break;  // the blank line ending the head
    if (line.front() == ' ' || line.front() == '\t') {
      return refuse(400, "obsolete header line folding is not accepted");
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) {
      return refuse(400, "malformed header line");
    }
    const std::string_view value = trim(line.substr(colon + 1));
    if (std::any_of(value.begin(), value.end(), is_bad_value_byte)) {
      return refuse(400, "control character in a header value");
    }
    if (head.headers.size() >= kMaxHeaderCount) return refuse(431, "too many header fields");
    std::string name = lower(line.substr(0, colon));

    if (name == "content-length") {
      const std::vector<std::string_view> elements = list_elements(value);
      if (elements.empty()) return refuse(400, "invalid Content-Length");
      for (const std::string_view element : elements) {
        if (!std::all_of(element.begin(), element.end(),
                         [](char c) { return c >= '0' && c <= '9'; })) {
          return refuse(400, "invalid Content-Length");
        }
        // Saturate: anything this long is over every limit anyway.
        std::size_t number = 0;
        for (const char c : element) {
          number = number > (static_cast<std::size_t>(1) << 52) ? number : number * 10 + (c - '0');
        }
        if (content_length && *content_length != number) {
          return refuse(400, "conflicting Content-Length values");
        }
        content_length = number;
      }
    } else if (name == "transfer-encoding") {
      transfer_encoding = true;
    } else if (name == "connection") {
      for (const std::string_view token : list_elements(value)) {
        const std::string option = lower(token);
        if (option == "close") close_token = true;
        if (option == "keep-alive") keep_alive_token = true;
      }
    } else if (name == "expect") {
      head.expect_continue = head.minor_version == 1 && lower(value) == "100-continue";
    }
    head.headers.emplace_back(std::move(name), std::string(value));
  }

  if (transfer_encoding) {
    if (content_length) return refuse(400, "both Transfer-Encoding and Content-Length given");
    return refuse(411, "Transfer-Encoding is not supported; send the body with Content-Length");
  }
  head.content_length = content_length.value_or(0);
  if (head.content_length > max_body_bytes) {
    return refuse(413, "Request body too large: " + std::to_string(head.content_length) +
                           " bytes; the limit is " + std::to_string(max_body_bytes) + " bytes");
  }
  head.keep_alive = head.minor_version == 1 ? !close_token : keep_alive_token && !close_token;
  HeadParse out;
  out.head = std::move(head);
  return out;
}

void RequestFramer::reject(Sink& sink, int status, const std::string& detail) {
  phase_ = Phase::kFinished;
  head_.clear();
  sink.on_reject(status, detail);
}

std::optional<std::pair<int, std::string>> RequestFramer::check_partial_head() const {
  // A bare LF or a NUL anywhere in the head: nothing valid can follow. From the
  // last byte already scanned: a CR that ended the previous chunk is judged now.
  for (std::size_t i = scanned_ > 0 ? scanned_ - 1 : 0; i < head_.size(); ++i) {
    if (head_[i] == '\0') return std::pair{400, std::string("NUL byte in the request head")};
    if (head_[i] == '\n' && (i == 0 || head_[i - 1] != '\r')) {
      return std::pair{400, std::string("bare LF in the request head (CRLF required)")};
    }
    if (head_[i] == '\r' && i + 1 < head_.size() && head_[i + 1] != '\n') {
      return std::pair{400, std::string("bare CR in the request head")};
    }
  }
  const std::size_t line_end = head_.find("\r\n");
  const std::string_view line =
      std::string_view(head_).substr(0, line_end == std::string::npos ? head_.size() : line_end);
  // The method is a token: any other byte before the first space shows garbage at once.
  const std::size_t space = line.find(' ');
  const std::string_view method = line.substr(0, space);
  if (!std::all_of(method.begin(), method.end(), is_tchar) || method.size() > kMaxMethodBytes ||
      (space == 0)) {
    return std::pair{400, std::string("malformed request line")};
  }
  if (line_end != std::string::npos) {
    // The same limit whether or not the CRLF came in the same chunk as the line.
    if (line_end > kMaxRequestLineBytes) {
      return std::pair{414, std::string("request line too long")};
    }
    FramedHead scratch;
    if (auto error = parse_request_line(line, scratch)) return std::pair{400, *error};
  } else {
    // A CR at the end may be the first half of the line's CRLF: not line yet.
    const std::size_t so_far = line.size() - (!line.empty() && line.back() == '\r' ? 1 : 0);
    if (so_far > kMaxRequestLineBytes) return std::pair{414, std::string("request line too long")};
  }
  return std::nullopt;
}

void RequestFramer::feed_head(std::string_view& bytes, Sink& sink) {
  if (head_.empty()) {
    // Empty lines before a request line are ignored (RFC 9112 section 2.2).
    while (!bytes.empty() && (bytes.front() == '\r' || bytes.front() == '\n')) {
      bytes.remove_prefix(1);
    }
    if (bytes.empty()) return;
    sink.on_start();
    if (phase_ != Phase::kHead) return;
  }
  const std::size_t room =
      limits_.max_head_bytes + 1 - std::min(head_.size(), limits_.max_head_bytes);
  const std::size_t taken = std::min(bytes.size(), room);
  const std::size_t search_from = scanned_ >= 3 ? scanned_ - 3 : 0;
  head_.append(bytes.data(), taken);

  const std::size_t end = head_.find("\r\n\r\n", search_from);
  if (end == std::string::npos) {
    bytes.remove_prefix(taken);
    if (auto error = check_partial_head()) return reject(sink, error->first, error->second);
    scanned_ = head_.size();
    if (head_.size() > limits_.max_head_bytes) {
      return reject(sink, 431, "request head too large");
    }
    return;
  }
  const std::size_t head_size = end + 4;
  // One byte over the limit is read to tell "over" from "exactly at" it: a head
  // that ends in that byte is over the limit too.
  if (head_size > limits_.max_head_bytes) return reject(sink, 431, "request head too large");
  const std::size_t leftover = head_.size() - head_size;  // all from this chunk
  bytes.remove_prefix(taken - leftover);
  head_.resize(head_size);
  if (auto error = check_partial_head()) return reject(sink, error->first, error->second);

  HeadParse parsed = parse_request_head(head_, limits_.max_body_bytes);
  if (!parsed.head) return reject(sink, parsed.status, parsed.detail);
  current_ = std::move(*parsed.head);
  sink.on_head(current_, head_);
  head_.clear();
  scanned_ = 0;
  if (phase_ != Phase::kHead) return;  // the sink finished the connection
  body_left_ = current_.content_length;
  phase_ = Phase::kBody;
}

void RequestFramer::feed(std::string_view bytes, Sink& sink) {
  while (phase_ != Phase::kFinished) {
    if (phase_ == Phase::kHead) {
      if (bytes.empty()) return;
      feed_head(bytes, sink);
      continue;
    }
    // kBody: a zero-length body completes without waiting for more bytes.
    if (body_left_ > 0) {
      if (bytes.empty()) return;
      const std::size_t taken = std::min(bytes.size(), body_left_);
      body_left_ -= taken;
      sink.on_body(bytes.substr(0, taken));
      bytes.remove_prefix(taken);
      if (phase_ != Phase::kBody || body_left_ > 0) continue;
    }
    phase_ = current_.keep_alive ? Phase::kHead : Phase::kFinished;
    sink.on_complete(current_);
  }
}

}  // namespace rm

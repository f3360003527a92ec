// The server's per-connection request framing, without sockets: where each
// request ends, what is refused from the head alone, and that nothing after a
// refusal or a closing request is ever framed.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "reference/server/request_framer.hpp"

namespace rm {
namespace {

constexpr std::size_t kBodyLimit = 1000;

// Records events; body bytes are reported with the request's completion so that
// the event list does not depend on how the input was chunked.
struct Recorder : RequestFramer::Sink {
  void on_start() override { events.push_back("start"); }
  void on_head(const FramedHead& head, std::string_view raw) override {
    events.push_back("head " + head.method + " " + head.target);
    heads.push_back(head);
    raws.emplace_back(raw);
  }
  void on_body(std::string_view bytes) override { body.append(bytes); }
  void on_complete(const FramedHead&) override {
    events.push_back("complete " + body);
    body.clear();
  }
  void on_reject(int status, const std::string& detail) override {
    events.push_back("reject " + std::to_string(status));
    reject_detail = detail;
  }

  std::vector<std::string> events;
  std::vector<FramedHead> heads;
  std::vector<std::string> raws;
  std::string body;
  std::string reject_detail;
};

struct Framed {
  std::vector<std::string> events;
  std::vector<FramedHead> heads;
  std::vector<std::string> raws;
  bool finished = false;
};

Framed frame(const std::vector<std::string>& chunks, std::size_t head_limit = 4096) {
  RequestFramer framer(FramerLimits{head_limit, kBodyLimit});
  Recorder recorder;
  for (const std::string& chunk : chunks) framer.feed(chunk, recorder);
  return {recorder.events, recorder.heads, recorder.raws, framer.finished()};
}

Framed frame(const std::string& input, std::size_t head_limit = 4096) {
  return frame(std::vector<std::string>{input}, head_limit);
}

using Events = std::vector<std::string>;

TEST(RequestFramer, GetWithoutBody) {
  const std::string head = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
  const Framed framed = frame(head);
  EXPECT_EQ(framed.events, (Events{"start", "head GET /api/v1/health", "complete "}));
  EXPECT_FALSE(framed.finished);
  ASSERT_EQ(framed.heads.size(), 1u);
  EXPECT_TRUE(framed.heads[0].keep_alive);
  EXPECT_EQ(framed.raws[0], head);
}

TEST(RequestFramer, HeadersAreLowerCasedTrimmedAndInOrder) {
  const Framed framed = frame(
      "POST /x?a=1 HTTP/1.1\r\nContent-Type:  application/json \t\r\nX-Custom:v\r\n"
      "Content-Length: 2\r\n\r\n{}");
  ASSERT_EQ(framed.heads.size(), 1u);
  const auto& headers = framed.heads[0].headers;
  ASSERT_EQ(headers.size(), 3u);
  EXPECT_EQ(headers[0], (std::pair<std::string, std::string>{"content-type", "application/json"}));
  EXPECT_EQ(headers[1], (std::pair<std::string, std::string>{"x-custom", "v"}));
  EXPECT_EQ(framed.heads[0].target, "/x?a=1");
  EXPECT_EQ(framed.events.back(), "complete {}");
}

TEST(RequestFramer, PipelinedRequestsAreFramedInOrder) {
  const std::string stream =
      "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\n\r\n"
      "\r\nPUT /c HTTP/1.1\r\nContent-Length: 3\r\n\r\nxyz";
  const Events expected = {"start", "head POST /a", "complete hello",
                           "start", "head GET /b",  "complete ",
                           "start", "head PUT /c",  "complete xyz"};
  EXPECT_EQ(frame(stream).events, expected);

  // The same events whatever the chunking, down to one byte at a time.
  std::vector<std::string> bytes;
  for (const char c : stream) bytes.emplace_back(1, c);
  EXPECT_EQ(frame(bytes).events, expected);
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> chunks;
    for (std::size_t at = 0; at < stream.size();) {
      const std::size_t size = 1 + random() % 20;
      chunks.push_back(stream.substr(at, size));
      at += size;
    }
    EXPECT_EQ(frame(chunks).events, expected);
  }
}

TEST(RequestFramer, NegativeOrMalformedContentLengthIs400AndStopsFraming) {
  for (const char* value : {"-1", "abc", "+5", "5 5", "", "0x10", "1.0", "5, 6"}) {
    const Framed framed = frame(std::string("POST /x HTTP/1.1\r\nContent-Length: ") + value +
                                "\r\n\r\n" + "GET /smuggled HTTP/1.1\r\n\r\n");
    EXPECT_EQ(framed.events, (Events{"start", "reject 400"})) << value;
    EXPECT_TRUE(framed.finished) << value;
  }
  EXPECT_EQ(frame("POST /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n").events,
            (Events{"start", "reject 400"}));
  EXPECT_EQ(frame("POST /x HTTP/1.1\r\nContent-Length: 2, 2\r\n\r\nab").events.back(),
            "complete ab");
}

TEST(RequestFramer, OversizedBodyIs413FromTheHeadAloneAndNothingAfterIsFramed) {
  const std::string smuggled = "POST /api/v1/jobs/upload HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}";
  const Framed framed =
      frame(std::vector<std::string>{"POST /api/v1/resumes/upload HTTP/1.1\r\nContent-Length: " +
                                         std::to_string(kBodyLimit + 1) + "\r\n\r\n",
                                     std::string(kBodyLimit, 'a'), smuggled, smuggled});
  EXPECT_EQ(framed.events, (Events{"start", "reject 413"}));
  EXPECT_TRUE(framed.finished);

  const Framed huge =
      frame("POST /x HTTP/1.1\r\nContent-Length: 99999999999999999999999999\r\n\r\n");
  EXPECT_EQ(huge.events, (Events{"start", "reject 413"}));

  const Framed at_limit =
      frame("POST /x HTTP/1.1\r\nContent-Length: " + std::to_string(kBodyLimit) + "\r\n\r\n" +
            std::string(kBodyLimit, 'b'));
  EXPECT_EQ(at_limit.events.back(), "complete " + std::string(kBodyLimit, 'b'));
}

TEST(RequestFramer, TransferEncodingIsRefused) {
  EXPECT_EQ(
      frame("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n").events,
      (Events{"start", "reject 411"}));
  EXPECT_EQ(frame("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc")
                .events,
            (Events{"start", "reject 400"}));
}

TEST(RequestFramer, GarbageIsRefusedAsSoonAsItIsVisible) {
  // No CRLF yet, but these bytes can never start a request line.
  for (const std::string& garbage :
       {std::string("\x16\x03\x01\x02\x00", 5), std::string("GET\x01"), std::string(" GET /")}) {
    const Framed framed = frame(garbage);
    EXPECT_EQ(framed.events, (Events{"start", "reject 400"})) << garbage;
  }
  EXPECT_EQ(frame(std::string(40, 'A')).events, (Events{"start", "reject 400"}));  // not a method
  // A complete but malformed request line is refused before the blank line arrives.
  for (const char* line : {"GARBAGE\r\n", "GET /x HTTP/2.0\r\n", "GET x HTTP/1.1\r\n",
                           "GET  /x HTTP/1.1\r\n", "GET /x HTTP/1.1 extra\r\n", "GET /x\r\n",
                           "GET /a\x7f HTTP/1.1\r\n", "this is not http\r\n"}) {
    EXPECT_EQ(frame(line).events, (Events{"start", "reject 400"})) << line;
  }
  // Bare LF or CR line endings.
  EXPECT_EQ(frame("GET /x HTTP/1.1\n").events, (Events{"start", "reject 400"}));
  EXPECT_EQ(frame("GET /x HTTP/1.1\rX").events, (Events{"start", "reject 400"}));
  // A valid request line alone waits for the rest of the head.
  EXPECT_EQ(frame("GET /x HTTP/1.1\r\nHost: a").events, (Events{"start"}));
}

TEST(RequestFramer, MalformedHeaderLinesAre400) {
  for (const std::string& header :
       {std::string("Host : x"), std::string("NoColon"), std::string(" folded: x"),
        std::string("X: a\x01b"), std::string(": empty"), std::string("Bad Name: x")}) {
    const Framed framed = frame("GET /x HTTP/1.1\r\n" + header + "\r\n\r\n");
    EXPECT_EQ(framed.events, (Events{"start", "reject 400"})) << header;
  }
}

TEST(RequestFramer, ConnectionCloseEndsFramingAfterTheRequest) {
  const Framed framed =
      frame("GET /a HTTP/1.1\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\n\r\n");
  EXPECT_EQ(framed.events, (Events{"start", "head GET /a", "complete "}));
  EXPECT_TRUE(framed.finished);
  EXPECT_FALSE(framed.heads[0].keep_alive);
}

TEST(RequestFramer, Http10ClosesUnlessKeepAlive) {
  const Framed plain = frame("GET /a HTTP/1.0\r\n\r\nGET /b HTTP/1.0\r\n\r\n");
  EXPECT_EQ(plain.events, (Events{"start", "head GET /a", "complete "}));
  EXPECT_EQ(plain.heads[0].minor_version, 0);

  const Framed kept =
      frame("GET /a HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\nGET /b HTTP/1.0\r\n\r\n");
  EXPECT_EQ(kept.events,
            (Events{"start", "head GET /a", "complete ", "start", "head GET /b", "complete "}));
  EXPECT_TRUE(kept.finished);

  const Framed both = frame("GET /a HTTP/1.1\r\nConnection: keep-alive, close\r\n\r\n");
  EXPECT_FALSE(both.heads[0].keep_alive);
}

TEST(RequestFramer, ExpectContinueIsReported) {
  EXPECT_TRUE(frame("POST /a HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n")
                  .heads[0]
                  .expect_continue);
  EXPECT_FALSE(frame("POST /a HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n")
                   .heads[0]
                   .expect_continue);
}

TEST(RequestFramer, OversizedHeadIs431AndLongRequestLineIs414) {
  EXPECT_EQ(frame("GET /x HTTP/1.1\r\nX: " + std::string(5000, 'a') + "\r\n\r\n", 4096).events,
            (Events{"start", "reject 431"}));
  EXPECT_EQ(frame("GET /" + std::string(9000, 'a'), 64 * 1024).events,
            (Events{"start", "reject 414"}));
  // The same when the line's CRLF arrives with it (found by fuzz/targets/request_framer).
  EXPECT_EQ(frame("GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n", 64 * 1024).events,
            (Events{"start", "reject 414"}));
  // A request line of exactly 8 KiB is framed however the stream is split, also
  // when its CR and LF arrive apart (found by fuzz/targets/request_framer).
  const std::string line = "GET /" + std::string(8192 - 14, 'a') + " HTTP/1.1";
  ASSERT_EQ(line.size(), 8192u);
  std::vector<std::string> bytes;
  for (const char c : line + "\r\nHost: x\r\n\r\n") bytes.emplace_back(1, c);
  EXPECT_EQ(frame(bytes, 64 * 1024).events, frame(line + "\r\nHost: x\r\n\r\n", 64 * 1024).events);
  EXPECT_EQ(frame({line + "\r", "\nHost: x\r\n\r\n"}, 64 * 1024).events[1].substr(0, 9),
            "head GET ");
  // A head of exactly the limit is framed; one byte more is 431, also when that
  // byte ends the head (found by fuzz/targets/request_framer).
  const auto head_of = [](std::size_t size) {
    return "GET / HTTP/1.1\r\nX: " + std::string(size - 23, 'a') + "\r\n\r\n";
  };
  EXPECT_EQ(frame(head_of(4096), 4096).events[1], "head GET /");
  EXPECT_EQ(frame(head_of(4097), 4096).events, (Events{"start", "reject 431"}));
  std::string many = "GET /x HTTP/1.1\r\n";
  for (int i = 0; i < 150; ++i) many += "X" + std::to_string(i) + ": v\r\n";
  EXPECT_EQ(frame(many + "\r\n", 64 * 1024).events, (Events{"start", "reject 431"}));
}

TEST(RequestFramer, SinkCanFinishTheConnectionMidStream) {
  struct Stopper : Recorder {
    RequestFramer* framer = nullptr;
    void on_head(const FramedHead& head, std::string_view raw) override {
      Recorder::on_head(head, raw);
      framer->finish();
    }
  };
  RequestFramer framer(FramerLimits{4096, kBodyLimit});
  Stopper stopper;
  stopper.framer = &framer;
  framer.feed("POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\n\r\n", stopper);
  EXPECT_EQ(stopper.events, (Events{"start", "head POST /a"}));
  EXPECT_TRUE(framer.finished());
}

TEST(RequestFramer, RandomInputNeverCrashesAndRejectsAreFinal) {
  std::mt19937 random(99);
  const std::string alphabet = "GETPOST /HTP1.0\r\n:-ContentLgh0123456789 \x01\xff";
  for (int round = 0; round < 5000; ++round) {
    RequestFramer framer(FramerLimits{256, 64});
    Recorder recorder;
    for (int chunk = 0; chunk < 8; ++chunk) {
      std::string bytes(random() % 64, ' ');
      for (char& c : bytes) c = alphabet[random() % alphabet.size()];
      framer.feed(bytes, recorder);
    }
    const auto reject =
        std::find_if(recorder.events.begin(), recorder.events.end(),
                     [](const std::string& e) { return e.rfind("reject", 0) == 0; });
    if (reject != recorder.events.end()) {
      EXPECT_EQ(reject + 1, recorder.events.end());
      EXPECT_TRUE(framer.finished());
    }
  }
}

}  // namespace
}  // namespace rm

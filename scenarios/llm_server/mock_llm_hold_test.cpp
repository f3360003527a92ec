// A `timeout` fault holds the call until the target's LLM client gives up (closes
// its connection), a plan change, or the hold's bound, whichever comes first; while
// held, GET /__control/calls counts it in "held" (the harness tells a target
// waiting on its LLM from a hung one by it).
#include <gtest/gtest.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <poll.h>
#include <future>
#include <string>

#include "mocks/fault/fault_plan.hpp"
#include "mocks/llm_server/mock_llm_service.hpp"

namespace rm {
namespace {

// A client that closes its connection once `close()` is called, and says when the
// service has started to watch it.
class FakeClient final : public ClientConnection {
 public:
  FakeClient() : closed_fd_(::eventfd(0, EFD_CLOEXEC)) {}
  ~FakeClient() override { ::close(closed_fd_); }
  const std::string& host() const override { return host_; }
  bool wait_closed(std::chrono::milliseconds timeout, int wake_fd) const override {
    watched_.set_value();
    pollfd fds[2] = {{closed_fd_, POLLIN, 0}, {wake_fd, POLLIN, 0}};
    const int ready = ::poll(fds, wake_fd >= 0 ? 2 : 1, static_cast<int>(timeout.count()));
    return ready > 0 && (fds[0].revents & POLLIN) != 0;
  }
  void close() {
    const std::uint64_t one = 1;
    ASSERT_EQ(::write(closed_fd_, &one, sizeof one), static_cast<ssize_t>(sizeof one));
  }
  std::future<void> watched() { return watched_.get_future(); }

 private:
  mutable std::promise<void> watched_;
  std::string host_ = "127.0.0.1";
  int closed_fd_;
};

ApiRequest chat(const std::string& prompt) {
  ApiRequest request;
  request.method = "POST";
  request.path = "/v1/chat/completions";
  request.headers["content-type"] = "application/json";
  request.body =
      Json{{"model", "m"}, {"messages", {{{"role", "user"}, {"content", prompt}}}}}.dump();
  return request;
}

ApiRequest control(const std::string& method, const std::string& path, const Json& body = nullptr) {
  ApiRequest request;
  request.method = method;
  request.path = path;
  if (!body.is_null()) request.body = body.dump();
  request.headers["content-type"] = "application/json";
  return request;
}

std::int64_t held(MockLlmService& service) {
  return Json::parse(service.handle(control("GET", "/__control/calls"), "127.0.0.1").body)
      .value("held", std::int64_t{-1});
}

class MockLlmHold : public ::testing::Test {
 protected:
  MockLlmHold() : service_(MockLlmOptions{{}, std::chrono::minutes(10), "mock-llm"}) {
    const ApiResponse installed = service_.handle(
        control("PUT", "/__control/plan",
                Json::parse(R"({"rules": [{"component": "llm", "operation": "health",
                                "action": "timeout"}]})")),
        "127.0.0.1");
    EXPECT_EQ(installed.status, 200) << installed.body;
  }
  MockLlmService service_;
};

TEST_F(MockLlmHold, EndsWhenTheClientGivesUp) {
  FakeClient client;
  auto watched = client.watched();
  auto answer =
      std::async(std::launch::async, [&] { return service_.handle(chat("ping"), client); });
  ASSERT_EQ(watched.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  EXPECT_EQ(held(service_), 1);  // held: no answer while the client still waits
  EXPECT_EQ(answer.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
  client.close();
  ASSERT_EQ(answer.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  EXPECT_EQ(answer.get().status, 504);
  EXPECT_EQ(held(service_), 0);
}

TEST_F(MockLlmHold, EndsOnAPlanChange) {
  FakeClient client;
  auto watched = client.watched();
  auto answer =
      std::async(std::launch::async, [&] { return service_.handle(chat("ping"), client); });
  ASSERT_EQ(watched.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  service_.handle(control("DELETE", "/__control/plan"), "127.0.0.1");
  ASSERT_EQ(answer.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  EXPECT_EQ(answer.get().status, 504);
}

}  // namespace
}  // namespace rm

// pistache-hello: the bare Pistache server scripts/bench compares reference-server
// with. One handler answering "hello" on the I/O thread, no routing, no worker
// pool: the ceiling this machine and Pistache allow.
//   pistache-hello [--port P] [--threads N]
// Prints "pistache-hello listening on http://127.0.0.1:PORT" and serves until
// SIGINT or SIGTERM.
#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <signal.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

namespace {

class Hello : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(Hello)
  void onRequest(const Pistache::Http::Request&, Pistache::Http::ResponseWriter response) override {
    response.send(Pistache::Http::Code::Ok, "hello");
  }
};

}  // namespace

int main(int argc, char** argv) {
  int port = 0;
  int threads = 4;  // reference-server's default
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--port") == 0) port = std::stoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--threads") == 0) threads = std::stoi(argv[i + 1]);
  }
  // Blocked before any thread starts, so only sigwait below receives them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  Pistache::Http::Endpoint endpoint(
      Pistache::Address("127.0.0.1", Pistache::Port(static_cast<std::uint16_t>(port))));
  endpoint.init(Pistache::Http::Endpoint::options().threads(threads).flags(
      Pistache::Tcp::Options::ReuseAddr | Pistache::Tcp::Options::CloseOnExec));
  endpoint.setHandler(Pistache::Http::make_handler<Hello>());
  endpoint.serveThreaded();
  std::printf("pistache-hello listening on http://127.0.0.1:%d\n",
              static_cast<int>(static_cast<std::uint16_t>(endpoint.getPort())));
  std::fflush(stdout);
  int signal = 0;
  sigwait(&stop, &signal);
  endpoint.shutdown();
  return 0;
}

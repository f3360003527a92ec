#pragma once
// Pistache 0.0.5 never closes a connection's socket when its endpoint is
// destroyed, and a connection accepted just before shutdown may never reach a
// transport (so no handler ever sees it). After the endpoint is gone, this finds
// such sockets by their local port and closes them, so that clients see the end
// of the connection instead of a silent socket.
namespace rm {

// Closes every connected (non-listening) TCP socket of this process whose local
// port is `port`. Call only once nothing else serves that port. Returns how many
// it closed.
int close_leftover_connections(int port);

}  // namespace rm

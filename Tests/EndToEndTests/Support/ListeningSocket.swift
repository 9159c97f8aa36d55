import Foundation

/// A TCP socket on 127.0.0.1 that listens and never answers: the kernel completes each connection (the
/// backlog), so a client is connected and then waits for a reply that never comes.
final class ListeningSocket: @unchecked Sendable {
    let descriptor: Int32
    let port: Int

    init() throws {
        (descriptor, port) = try ListeningSocket.bound()
        guard listen(descriptor, 64) == 0 else {
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL)
        }
    }

    deinit { close(descriptor) }

    /// A port on 127.0.0.1 that nothing listens on (bound, read and closed again).
    static func freePort() throws -> Int {
        let (descriptor, port) = try bound()
        close(descriptor)
        return port
    }

    static func bound() throws -> (Int32, Int) {
        // close-on-exec: children spawned by other tests must not inherit it
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard ok else {
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL)
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}

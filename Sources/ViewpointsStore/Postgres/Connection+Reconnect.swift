import CLibPQ
import Foundation

extension Connection {
    /// Whether the server has gone away: restarted, ended this session, or the network dropped.
    public var isLost: Bool { PQstatus(handle) == CONNECTION_BAD }

    /// Connects again with the same parameters (PQreset), trying for up to `patience` seconds while the server
    /// comes back (a restart takes a second or two); throws `.unavailable`, naming the address, when it does not.
    public func reconnect(patience: Double = 10) throws(StoreError) {
        let deadline = Date().addingTimeInterval(patience)
        while true {
            PQreset(handle)
            if PQstatus(handle) == CONNECTION_OK { return }
            if Date() >= deadline { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        throw StoreError(
            .unavailable,
            "the connection to PostgreSQL at \(address) was lost and could not be made again within "
                + "\(Int(patience)) s: \(lastError)",
            hint: "everything confirmed before this is saved; start again when the server is back",
            reason: .connectionLost)
    }

    /// Runs `body`; when it fails because the connection was lost, reconnects and runs it once more.
    ///
    /// For work that is safe to repeat: a read, or one whole `transaction` (which left nothing behind when it
    /// failed before COMMIT). Not inside a transaction of the caller's, which the lost connection took with it.
    /// A commit whose outcome is unknown (SQLSTATE 08007) is not repeated: the connection is made again and the
    /// error rethrown, as `.other`, so an interactive caller can show what is stored and go on.
    /// `onReconnect` gets a sentence for the user each time the connection is made again.
    public func retryingOnLostConnection<T>(
        patience: Double = 10, onReconnect: (String) -> Void, _ body: () throws(StoreError) -> T
    ) throws(StoreError) -> T {
        let status = PQtransactionStatus(handle)
        let repeatable = status == PQTRANS_IDLE || status == PQTRANS_UNKNOWN
        do {
            return try body()
        } catch {
            guard repeatable, isLost || error.isConnectionFailure else { throw error }
            try reconnect(patience: patience)
            onReconnect("connection to the database at \(address) was lost (\(error.firstLine)); reconnected")
            if error.sqlState == "08007" {
                var unknown = error
                unknown.kind = .other
                throw unknown
            }
            return try body()
        }
    }
}

extension StoreError {
    /// The message's first line without libpq's "FATAL:" prefix: libpq's own text about a lost server runs over
    /// several lines ("FATAL:  terminating connection…\nserver closed the connection unexpectedly…").
    public var firstLine: String {
        (message.split(separator: "\n").first.map(String.init) ?? message).replacingOccurrences(
            of: "FATAL:  ", with: "")
    }

    /// SQLSTATE class 08 (connection exception) or the server shutting down or restarting (57P01–57P03).
    public var isConnectionFailure: Bool {
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }
}

import Foundation

/// A one-line progress counter on standard error, only when it is a terminal.
final class Progress: @unchecked Sendable {
    let label: String
    let enabled = isatty(2) == 1
    private var last = Date.distantPast
    private let lock = NSLock()

    init(label: String) { self.label = label }

    func update(_ rows: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, Date().timeIntervalSince(last) > 0.1 else { return }
        last = Date()
        FileHandle.standardError.write(Data("\r\(label): \(rows.formatted()) rows read".utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

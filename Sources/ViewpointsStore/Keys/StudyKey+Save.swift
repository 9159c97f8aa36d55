import Foundation

extension StudyKey {
    /// Writes a key file's bytes (mode 0600, never over another file); nothing to do when it already holds them.
    static func save(_ bytes: [UInt8], path: String) throws(StoreError) {
        if let existing = FileManager.default.contents(atPath: path), Array(existing) == bytes { return }
        let folder = (path as NSString).deletingLastPathComponent
        try? PrivateFolder.create(folder, privateLevels: 2)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw StoreError(.cannotWrite, "cannot create the key file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw StoreError(.cannotWrite, "cannot write the key file \(path): \(String(cString: strerror(errno)))")
        }
    }
}

import Foundation
import ViewpointsCore

/// A study's secret for keyed digests of participant identifiers, kept outside the database.
public struct StudyKey: Sendable {
    public var bytes: [UInt8]
    public var path: String

    /// SHA-256 of the key, stored with the study to refuse a different key.
    public var fingerprint: String { Hashing.hex(Hashing.sha256(bytes)) }

    /// `VIEWPOINTS_KEY_FILE`, else `$VIEWPOINTS_HOME/keys/SLUG.key`.
    public static func path(
        slug: String, home: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let file = environment["VIEWPOINTS_KEY_FILE"], !file.isEmpty { return file }
        return home + "/keys/\(slug).key"
    }

    /// Reads the key at `path`, or creates one (mode 0600) when there is none; returns it and whether it is new.
    public static func loadOrCreate(path: String) throws(StoreError) -> (key: StudyKey, created: Bool) {
        if FileManager.default.fileExists(atPath: path) { return (try load(path: path), false) }
        let folder = (path as NSString).deletingLastPathComponent
        // a new key folder and a new VIEWPOINTS_HOME around it are private (0700)
        try PrivateFolder.create(folder, privateLevels: 2)
        let bytes = Hashing.randomBytes(32)
        let text = Hashing.hex(bytes) + "\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw StoreError(.cannotWrite, "cannot create the key file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let written = text.utf8.withContiguousStorageIfAvailable { write(fd, $0.baseAddress, $0.count) } ?? -1
        guard written == text.utf8.count, fsync(fd) == 0 else {
            throw StoreError(.cannotWrite, "cannot write the key file \(path): \(String(cString: strerror(errno)))")
        }
        return (StudyKey(bytes: bytes, path: path), true)
    }

    /// Reads the key at `path`.
    public static func load(path: String) throws(StoreError) -> StudyKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(
                .configuration, "the study key \(path) is missing or unreadable",
                hint: "restore the key file from your backup, or point VIEWPOINTS_KEY_FILE at it; "
                    + "without it, participants cannot be matched to their pseudonyms")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Hashing.bytes(hex: text), bytes.count >= 16 else {
            throw StoreError(
                .configuration, "the study key \(path) is not a hexadecimal key of at least 16 bytes",
                hint: "restore the key file from your backup")
        }
        return StudyKey(bytes: bytes, path: path)
    }

    /// The keyed digest of a participant identifier, after normalization.
    public func digest(identifier: String) -> [UInt8] {
        Hashing.identifierDigest(key: bytes, identifier: identifier)
    }
}

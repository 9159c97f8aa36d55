import Foundation
import ViewpointsCore

/// `manifest.json` of a backup archive: what it holds, with a SHA-256 per file, and which schema wrote it.
public struct BackupManifest: Sendable, Equatable, Codable {
    public static let formatName = "viewpoints-backup"
    /// 2: each file's size is declared (restore reads no more) and the manifest carries an HMAC under a key derived
    /// from the study key.
    public static let currentFormatVersion = 2
    public static let auditNote =
        "coding_events are replayed in seq order on restore: the hash chain is recomputed for the new study's ids "
        + "(seq and time kept), so `viewpoints audit verify` passes on the restored study; the archived hashes "
        + "are kept in coding_events.csv for comparison"

    /// One file of the archive.
    public struct File: Sendable, Equatable, Codable {
        public var name: String
        /// The table it holds, or empty for the key.
        public var table: String
        public var rows: Int
        /// Hex SHA-256 of the file's bytes.
        public var sha256: String
        /// The file's size in bytes: restore reads no more than this.
        public var bytes: Int?
    }

    /// The study key, sealed with a passphrase (`--include-key`).
    public struct Key: Sendable, Equatable, Codable {
        public var file: String
        public var sha256: String
        public var envelope: KeyEnvelope
        /// The sealed key's size in bytes.
        public var bytes: Int?
    }

    public var format: String
    public var formatVersion: Int
    /// The highest migration applied to the database that wrote it (`schema_migrations`).
    public var schemaVersion: Int
    /// `viewpoints --version` of the program that wrote it.
    public var toolVersion: String
    public var study: String
    public var createdAt: String
    public var auditChain: String
    public var files: [File]
    public var key: Key?
    /// Hex HMAC-SHA256 of the manifest without this field (`authenticatedText`), under `macKey(studyKey:)`; nil when
    /// the study key was not at hand for the backup.
    public var mac: String?

    /// The manifest as the HMAC covers it: itself without `mac`, as sorted-key JSON.
    public func authenticatedText() -> String {
        var copy = self
        copy.mac = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: (try? encoder.encode(copy)) ?? Data(), as: UTF8.self)
    }

    /// The manifest's HMAC key: derived from the study key, so it never equals a key used for anything else.
    public static func macKey(studyKey: [UInt8]) -> [UInt8] {
        Hashing.hmacSHA256(key: studyKey, message: "viewpoints-backup-manifest-v1")
    }

    /// The hex HMAC of this manifest under the study key.
    public func computeMAC(studyKey: [UInt8]) -> String {
        Hashing.hex(Hashing.hmacSHA256(key: BackupManifest.macKey(studyKey: studyKey), message: authenticatedText()))
    }
}

import ViewpointsCore

/// `manifest.json` of a backup archive: what it holds, with a SHA-256 per file, and which schema wrote it.
public struct BackupManifest: Sendable, Equatable, Codable {
    public static let formatName = "viewpoints-backup"
    public static let currentFormatVersion = 1
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
    }

    /// The study key, sealed with a passphrase (`--include-key`).
    public struct Key: Sendable, Equatable, Codable {
        public var file: String
        public var sha256: String
        public var envelope: KeyEnvelope
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
}

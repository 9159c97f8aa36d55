import Foundation
import ViewpointsCore

/// What `restore` did.
public struct RestoreResult: Sendable {
    public var study: Study
    /// Rows restored per table, in archive order.
    public var rows: [(table: String, rows: Int)]
    /// Where the key was written, when the archive had one and a passphrase was given.
    public var keyPath: String?
    /// Why no key was written, when it was not.
    public var keyNote: String?
    /// Whether the manifest's HMAC was checked with the study key (nil: no key at hand, so it could not be).
    public var authenticated: Bool = false
}

extension Store {
    /// Fewest characters of a passphrase that seals a study key into a backup.
    public static let minimumPassphraseLength = 12

    /// The highest applied migration.
    func schemaVersion() throws(StoreError) -> Int {
        try connection.query(BackupQueries.schemaVersion, doing: "reading the schema version").one(Int?.self) ?? 0
    }

    /// Writes the study to a backup archive at `path`, from one consistent snapshot; with a passphrase, the study
    /// key sealed with it goes in too. Refuses a study whose audit trail does not verify.
    @discardableResult
    public func backup(
        study: Study, to path: String, toolVersion: String, keyPassphrase: String?,
        mode: UInt32 = CSVWriter.privateMode
    ) throws(StoreError) -> BackupArchive {
        let studyKey = try? key(for: study)
        let sealedKey = try keyPassphrase.map { passphrase throws(StoreError) in try sealKey(of: study, passphrase) }
        var files: [String: [UInt8]] = [:]
        var listed: [BackupManifest.File] = []
        let version = try connection.transaction(readOnly: true, isolation: .repeatableRead, doing: "backing up") {
            () throws(StoreError) -> Int in
            try connection.execute(BackupQueries.snapshot, doing: "starting the backup")
            let audit = try verifyAudit(study: study)
            guard audit.intact else {
                throw StoreError(
                    .data, "the audit trail of study \(study.slug) does not verify: not backing it up",
                    reason: .auditNotIntact(study: study.slug))
            }
            let version = try schemaVersion()
            try connection.query(BackupQueries.setStudy, [study.id], doing: "starting the backup")
            for table in BackupQueries.tables {
                var bytes: [UInt8] = []
                let rows = try connection.copyOut(table.copyOut, doing: "backing up \(table.name)") {
                    bytes.append(contentsOf: $0)
                }
                files[table.file] = bytes
                listed.append(
                    BackupManifest.File(
                        name: table.file, table: table.name, rows: rows, sha256: Hashing.hex(Hashing.sha256(bytes)),
                        bytes: bytes.count))
            }
            return version
        }
        if let (entry, ciphertext) = sealedKey { files[entry.file] = ciphertext }
        var manifest = BackupManifest(
            format: BackupManifest.formatName, formatVersion: BackupManifest.currentFormatVersion,
            schemaVersion: version, toolVersion: toolVersion, study: study.slug,
            createdAt: ISO8601DateFormatter().string(from: Date()), auditChain: BackupManifest.auditNote,
            files: listed, key: sealedKey?.0)
        if let studyKey { manifest.mac = manifest.computeMAC(studyKey: studyKey.bytes) }
        let archive = BackupArchive(manifest: manifest, files: files)
        try archive.write(path: path, mode: mode)
        return archive
    }

    /// The study key sealed with `passphrase` for the archive, with its manifest entry.
    func sealKey(of study: Study, _ keyPassphrase: String) throws(StoreError) -> (BackupManifest.Key, [UInt8]) {
        guard keyPassphrase.count >= Self.minimumPassphraseLength else {
            throw StoreError(
                .usage,
                "the backup passphrase has \(keyPassphrase.count) characters; a sealed key needs at least "
                    + "\(Self.minimumPassphraseLength)",
                hint: "choose a longer passphrase, such as four unrelated words")
        }
        let keyPath = StudyKey.path(slug: study.slug, home: home)
        _ = try key(for: study)
        guard let bytes = FileManager.default.contents(atPath: keyPath) else {
            throw StoreError(.configuration, "the study key \(keyPath) is missing or unreadable")
        }
        let (envelope, ciphertext) = KeyEnvelope.seal(Array(bytes), passphrase: keyPassphrase)
        return (
            BackupManifest.Key(
                file: BackupArchive.keyName, sha256: Hashing.hex(Hashing.sha256(ciphertext)), envelope: envelope,
                bytes: ciphertext.count),
            ciphertext
        )
    }
}

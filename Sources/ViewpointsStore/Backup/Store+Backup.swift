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
        var sealedKey: (BackupManifest.Key, [UInt8])?
        let studyKey = try? key(for: study)
        if let keyPassphrase {
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
            sealedKey = (
                BackupManifest.Key(
                    file: BackupArchive.keyName, sha256: Hashing.hex(Hashing.sha256(ciphertext)), envelope: envelope,
                    bytes: ciphertext.count),
                ciphertext
            )
        }
        var files: [String: [UInt8]] = [:]
        var listed: [BackupManifest.File] = []
        let version = try connection.transaction(readOnly: true, isolation: .repeatableRead, doing: "backing up") {
            () throws(StoreError) -> Int in
            try connection.execute(BackupQueries.snapshot, doing: "starting the backup")
            let audit = try verifyAudit(study: study)
            guard audit.intact else {
                throw StoreError(
                    .data, "the audit trail of study \(study.slug) does not verify: not backing it up",
                    hint: "run `viewpoints audit verify --study \(study.slug)` and settle what it reports first")
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

    /// Restores an archive as a new study (`slug`, else the archived one) in one transaction, remapping every
    /// internal id; refuses an existing slug, a damaged archive or another schema version with the database
    /// unchanged. With a passphrase and a sealed key, writes the key file (0600) for the new slug.
    public func restore(archive: BackupArchive, path: String, as slug: String?, keyPassphrase: String?)
        throws(StoreError) -> RestoreResult
    {
        let newer = try connection.query(
            BackupQueries.migrationsSince, [String(archive.manifest.schemaVersion)], doing: "reading the schema version"
        ).one(String.self)
        try archive.validate(
            path: path, schemaVersion: try schemaVersion(),
            newer: newer.trimmingCharacters(in: ["{", "}"]).split(separator: ",").compactMap { Int($0) })
        let newSlug = slug ?? archive.manifest.study
        guard Slug.isValidStudySlug(newSlug) else {
            throw StoreError(.usage, "study slug '\(newSlug)' is not valid", hint: "pass --as with a valid slug")
        }
        if try study(slug: newSlug) != nil {
            throw StoreError(
                .data, "study '\(newSlug)' already exists in this database: not restoring over it",
                hint: "restore under another name with --as NEWSLUG")
        }
        var keyBytes: [UInt8]?
        var keyNote: String?
        let keyPath = StudyKey.path(slug: newSlug, home: home)
        let intact = "use an intact copy of the archive `viewpoints backup` wrote (this one was changed or cut short)"
        if let sealed = archive.manifest.key {
            if let keyPassphrase {
                guard let ciphertext = archive.files[sealed.file],
                    let opened = sealed.envelope.open(ciphertext, passphrase: keyPassphrase)
                else {
                    throw StoreError(
                        .data, "\(path): wrong passphrase for the study key (or the key entry was altered)",
                        hint: "set VIEWPOINTS_BACKUP_PASSPHRASE to the passphrase given to `viewpoints backup`")
                }
                if let existing = FileManager.default.contents(atPath: keyPath), Array(existing) != opened {
                    throw StoreError(
                        .data, "a different key file already exists at \(keyPath): not overwriting it",
                        hint: "move it away, or restore under another name with --as")
                }
                keyBytes = opened
            } else {
                keyNote = "the archive holds the study key, but no passphrase was given: key not restored"
            }
        } else {
            keyNote = "the archive holds no key: put the study's key file at \(keyPath) before importing more data"
        }
        // The manifest's HMAC, under the study key: the sealed key just opened, else a key file already here.
        let sealedKey = keyBytes.flatMap {
            Hashing.bytes(hex: String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let authenticating =
            sealedKey
            ?? [keyPath, StudyKey.path(slug: archive.manifest.study, home: home)].lazy.compactMap {
                try? StudyKey.load(path: $0).bytes
            }.first
        var authenticated = false
        if let authenticating {
            guard let mac = archive.manifest.mac else {
                throw StoreError(
                    .data, "\(path): the manifest carries no authentication code, though the study key is at hand",
                    hint: intact)
            }
            guard archive.manifest.computeMAC(studyKey: authenticating) == mac else {
                throw StoreError(
                    .data,
                    "\(path): the manifest's authentication code does not match the study key: the archive was "
                        + "altered after `viewpoints backup` wrote it, or the key is another study's",
                    hint: intact)
            }
            authenticated = true
        }

        let result = try connection.transaction(doing: "restoring \(path)") { () throws(StoreError) -> RestoreResult in
            try connection.execute(BackupQueries.prepare, doing: "preparing the restore")
            var counts: [(table: String, rows: Int)] = []
            for table in BackupQueries.tables {
                try connection.execute(table.stage, doing: "preparing \(table.name)")
                if archive.manifest.schemaVersion < table.since { continue }  // an older archive: none to read
                guard let bytes = archive.files[table.file] else {
                    throw StoreError(.data, "\(path): \(table.file) is missing from the archive", hint: intact)
                }
                let rows = try connection.copyIn(table.copyIn, doing: "reading \(table.file) of \(path)") {
                    (writer: inout CopyWriter) throws(StoreError) in
                    writer.buffer.append(contentsOf: bytes)
                    try writer.flush()
                }
                let listed = archive.manifest.files.first { $0.table == table.name }?.rows ?? -1
                guard rows == listed else {
                    throw StoreError(
                        .data, "\(path): \(table.file) has \(rows) rows, the manifest says \(listed)",
                        hint:
                            "use an intact copy of the archive `viewpoints backup` wrote (this one was changed or cut short)"
                    )
                }
                counts.append((table.name, rows))
            }
            let (studies, archivedFingerprint) = try connection.query(
                BackupQueries.studyRows, doing: "reading the archived study"
            ).one().decode((Int, String?).self)
            guard studies == 1 else {
                throw StoreError(
                    .data, "\(path): studies.csv must hold exactly one study",
                    hint:
                        "use an intact copy of the archive `viewpoints backup` wrote (this one was changed or cut short)"
                )
            }
            let archived = try connection.query(
                BackupQueries.archivedChainBreak, doing: "checking the archived audit trail"
            ).rows.first
            if let archived {
                throw StoreError(
                    .data,
                    "\(path): coding_events.csv does not hold the chain `viewpoints backup` wrote: event "
                        + "\(archived[0] ?? "?") \(archived[1] ?? "")",
                    hint: intact)
            }
            if let keyBytes {
                let text = String(decoding: keyBytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                let fingerprint = Hashing.bytes(hex: text).map { Hashing.hex(Hashing.sha256($0)) }
                guard fingerprint == archivedFingerprint else {
                    throw StoreError(
                        .data, "\(path): the sealed key is not the study's key (fingerprints differ)",
                        hint:
                            "the archive was altered; use an intact copy of the archive `viewpoints backup` wrote (this one was changed or cut short)"
                    )
                }
            }
            let id = try connection.query(BackupQueries.insertStudy, [newSlug], doing: "creating study \(newSlug)")
                .one(String.self)
            for sql in BackupQueries.remap { try connection.query(sql, [id], doing: "restoring \(newSlug)") }
            for sql in BackupQueries.freshIDs { try connection.execute(sql, doing: "restoring \(newSlug)") }
            for sql in BackupQueries.remapCoding { try connection.query(sql, [id], doing: "restoring \(newSlug)") }
            let mismatches = try connection.query(
                BackupQueries.seqMismatches, [id], doing: "checking the restored audit trail"
            ).one(Int.self)
            guard mismatches == 0 else {
                throw StoreError(
                    .data, "\(path): the archived audit trail is not a gapless chain from event 1",
                    hint:
                        "use an intact copy of the archive `viewpoints backup` wrote (this one was changed or cut short)"
                )
            }
            let study = try self.study(slug: newSlug)!
            // the restored study as `audit verify` sees it: chain, withdrawals, and rows the events explain
            let audit = try verifyAudit(study: study)
            guard audit.intact else {
                let problems =
                    audit.breaks.map { "event \($0.seq): \($0.problem)" }
                    + audit.withdrawalProblems.map { "event \($0.seq): \($0.problem)" } + audit.unexplained
                throw StoreError(
                    .data,
                    "\(path): the archived study does not verify: "
                        + (problems.first ?? "the chain head does not match its last event"),
                    detail: problems.dropFirst().prefix(20).joined(separator: "\n"), hint: intact)
            }
            return RestoreResult(
                study: study, rows: counts, keyPath: nil, keyNote: keyNote, authenticated: authenticated)
        }
        try? connection.execute(BackupQueries.analyze, doing: "updating planner statistics")
        var done = result
        if let keyBytes {
            try StudyKey.save(keyBytes, path: keyPath)
            done.keyPath = keyPath
        }
        return done
    }
}

import Foundation
import ViewpointsCore

extension Store {
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
            throw StoreError(.usage, "study slug '\(newSlug)' is not valid", reason: .invalidRestoreName)
        }
        if try study(slug: newSlug) != nil {
            throw StoreError(
                .data, "study '\(newSlug)' already exists in this database: not restoring over it",
                reason: .restoreNameTaken)
        }
        let (keyBytes, keyNote) = try openKey(archive: archive, path: path, slug: newSlug, passphrase: keyPassphrase)
        let authenticated = try authenticate(archive: archive, path: path, slug: newSlug, sealedKey: keyBytes)
        let result = try connection.transaction(doing: "restoring \(path)") { () throws(StoreError) -> RestoreResult in
            let counts = try stageArchive(archive, path: path)
            try checkStaged(path: path, keyBytes: keyBytes)
            let study = try insertStaged(as: newSlug, path: path)
            return RestoreResult(
                study: study, rows: counts, keyPath: nil, keyNote: keyNote, authenticated: authenticated)
        }
        try? connection.execute(BackupQueries.analyze, doing: "updating planner statistics")
        var done = result
        if let keyBytes {
            try StudyKey.save(keyBytes, path: StudyKey.path(slug: newSlug, home: home))
            done.keyPath = StudyKey.path(slug: newSlug, home: home)
        }
        return done
    }

    /// The sealed study key opened with the passphrase (nil without one), or why no key will be written.
    func openKey(archive: BackupArchive, path: String, slug: String, passphrase: String?)
        throws(StoreError) -> (key: [UInt8]?, note: String?)
    {
        let keyPath = StudyKey.path(slug: slug, home: home)
        guard let sealed = archive.manifest.key else {
            return (nil, "the archive holds no key: put the study's key file at \(keyPath) before importing more data")
        }
        guard let passphrase else {
            return (nil, "the archive holds the study key, but no passphrase was given: key not restored")
        }
        guard let ciphertext = archive.files[sealed.file],
            let opened = sealed.envelope.open(ciphertext, passphrase: passphrase)
        else {
            throw StoreError(
                .data, "\(path): wrong passphrase for the study key (or the key entry was altered)",
                reason: .wrongPassphrase)
        }
        if let existing = FileManager.default.contents(atPath: keyPath), Array(existing) != opened {
            throw StoreError(
                .data, "a different key file already exists at \(keyPath): not overwriting it",
                hint: "move it away", reason: .keyFileInTheWay)
        }
        return (opened, nil)
    }

    /// Checks the manifest's HMAC under the study key: the sealed key just opened, else a key file already here.
    /// Returns whether it could be checked (no key at hand: it could not).
    func authenticate(archive: BackupArchive, path: String, slug: String, sealedKey: [UInt8]?) throws(StoreError)
        -> Bool
    {
        let opened = sealedKey.flatMap {
            Hashing.bytes(hex: String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let paths = [StudyKey.path(slug: slug, home: home), StudyKey.path(slug: archive.manifest.study, home: home)]
        guard let key = opened ?? paths.lazy.compactMap({ try? StudyKey.load(path: $0).bytes }).first else {
            return false
        }
        guard let mac = archive.manifest.mac else {
            throw StoreError(
                .data, "\(path): the manifest carries no authentication code, though the study key is at hand",
                reason: .archiveDamaged)
        }
        guard archive.manifest.computeMAC(studyKey: key) == mac else {
            throw StoreError(
                .data,
                "\(path): the manifest's authentication code does not match the study key: the archive was "
                    + "altered after the backup was written, or the key is another study's",
                reason: .archiveDamaged)
        }
        return true
    }

    /// Copies every archived table into its staging table; the rows per table, checked against the manifest.
    func stageArchive(_ archive: BackupArchive, path: String) throws(StoreError) -> [(table: String, rows: Int)] {
        try connection.execute(BackupQueries.prepare, doing: "preparing the restore")
        var counts: [(table: String, rows: Int)] = []
        for table in BackupQueries.tables {
            try connection.execute(table.stage, doing: "preparing \(table.name)")
            if archive.manifest.schemaVersion < table.since { continue }  // an older archive: none to read
            guard let bytes = archive.files[table.file] else {
                throw StoreError(.data, "\(path): \(table.file) is missing from the archive", reason: .archiveDamaged)
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
                    reason: .archiveDamaged)
            }
            counts.append((table.name, rows))
        }
        return counts
    }

    /// The staged archive holds one study, the chain backup wrote, and (when opened) that study's key.
    func checkStaged(path: String, keyBytes: [UInt8]?) throws(StoreError) {
        let (studies, archivedFingerprint) = try connection.query(
            BackupQueries.studyRows, doing: "reading the archived study"
        ).one().decode((Int, String?).self)
        guard studies == 1 else {
            throw StoreError(.data, "\(path): studies.csv must hold exactly one study", reason: .archiveDamaged)
        }
        if let archived = try connection.query(
            BackupQueries.archivedChainBreak, doing: "checking the archived audit trail"
        ).rows.first {
            throw StoreError(
                .data,
                "\(path): coding_events.csv does not hold the chain the backup wrote: event "
                    + "\(archived[0] ?? "?") \(archived[1] ?? "")",
                reason: .archiveDamaged)
        }
        if let keyBytes {
            let text = String(decoding: keyBytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let fingerprint = Hashing.bytes(hex: text).map { Hashing.hex(Hashing.sha256($0)) }
            guard fingerprint == archivedFingerprint else {
                throw StoreError(
                    .data, "\(path): the sealed key is not the study's key (fingerprints differ)",
                    hint: "the archive was altered", reason: .archiveDamaged)
            }
        }
    }

    /// Creates study `slug` from the staged rows with fresh ids, and checks it as `audit verify` would: chain,
    /// withdrawals, rows the events explain, and the maintained stances (refreshed first, as at commit).
    func insertStaged(as slug: String, path: String) throws(StoreError) -> Study {
        let id = try connection.query(BackupQueries.insertStudy, [slug], doing: "creating study \(slug)")
            .one(String.self)
        for sql in BackupQueries.remap { try connection.query(sql, [id], doing: "restoring \(slug)") }
        for sql in BackupQueries.freshIDs { try connection.execute(sql, doing: "restoring \(slug)") }
        for sql in BackupQueries.remapCoding { try connection.query(sql, [id], doing: "restoring \(slug)") }
        let mismatches = try connection.query(
            BackupQueries.seqMismatches, [id], doing: "checking the restored audit trail"
        ).one(Int.self)
        guard mismatches == 0 else {
            throw StoreError(
                .data, "\(path): the archived audit trail is not a gapless chain from event 1",
                reason: .archiveDamaged)
        }
        try connection.execute(BackupQueries.refreshMaintained, doing: "computing the restored study's stances")
        let study = try self.study(slug: slug)!
        let audit = try verifyAudit(study: study)
        guard audit.intact else {
            let problems =
                audit.breaks.map { "event \($0.seq): \($0.problem)" }
                + audit.withdrawalProblems.map { "event \($0.seq): \($0.problem)" } + audit.unexplained
                + audit.maintained
            throw StoreError(
                .data,
                "\(path): the archived study does not verify: "
                    + (problems.first ?? "the chain head does not match its last event"),
                detail: problems.dropFirst().prefix(20).joined(separator: "\n"), reason: .archiveDamaged)
        }
        return study
    }
}

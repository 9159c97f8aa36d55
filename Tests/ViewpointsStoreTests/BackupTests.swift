import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport
import ZIPFoundation

/// Backup and restore: a round trip into a second database reproduces every export and figure; damaged archives,
/// wrong passphrases, other schema versions and existing slugs are refused with the database unchanged.
@Suite(.database)
struct BackupTests {
    static let passphrase = "correct horse battery staple"

    /// Everything a researcher can get out of a study, as text.
    static func outputs(_ store: Store, _ study: Study) throws -> [String: [[String]]] {
        var result: [String: [[String]]] = [:]
        func collect(_ name: String, _ body: (([String]) throws -> Void) throws -> Void) throws {
            var rows: [[String]] = []
            try body { rows.append($0) }
            result[name] = rows
        }
        try collect("participants") { try store.exportParticipants(study: study, $0) }
        try collect("statements") { try store.exportStatements(study: study, $0) }
        try collect("codebook") { try store.exportCodebook(study: study, $0) }
        try collect("codings") { try store.exportCodings(study: study, $0) }
        try collect("final") { _ = try store.exportFinalCodings(study: study, $0) }
        try collect("matrix") { try store.exportMatrix(study: study, mean: false, $0) }
        try collect("matrix-mean") { try store.exportMatrix(study: study, mean: true, $0) }
        let consensus = try store.consensus(study: study, request: .init())
        result["consensus"] = consensus.rows.map { [String(describing: $0)] }
        var byGroup = ConsensusRequest()
        byGroup.by = "constituency"
        result["consensus-by"] = try store.consensus(study: study, request: byGroup).rows.map {
            [String(describing: $0)]
        }
        let coders = try store.reviewingCoders(study: study)
        let reliability = CodingReliability(coders: coders).report(
            try store.reliabilityDecisions(study: study, coders: coders, code: nil))
        result["reliability"] = [[String(describing: reliability)]]
        result["withdrawals"] = try store.withdrawals(study: study).map { [String(describing: $0)] }
        // events on withdrawn statements show the (remapped) internal id: compare the rest in full
        result["history"] = try store.history(study: study, statement: nil, coder: nil).map {
            [
                String($0.seq), $0.at, $0.coder, $0.statement.hasPrefix("#") ? "#" : $0.statement, $0.code, $0.action,
                $0.old, $0.new, $0.note,
            ]
        }
        return result
    }

    @Test func roundTripIntoASecondDatabaseReproducesExportsConsensusAndReliability() throws {
        let (db, store, study) = try Fixtures.sampleStudy()
        _ = try store.withdrawParticipant(study: study, pseudonym: "P07", lead: "lead")
        let files = TestFiles()
        let path = files.folder + "/ipr-2018.zip"
        let archive = try store.backup(
            study: study, to: path, toolVersion: "test", keyPassphrase: BackupTests.passphrase)
        #expect(archive.manifest.files.first { $0.table == "withdrawals" }?.rows == 1)
        #expect(archive.manifest.files.first { $0.table == "adjudications" }!.rows > 0)

        let second = try TestDatabase()
        let other = try second.store()
        // an unrelated study first, so that no internal id can line up by chance
        let filler = try other.createStudy(slug: "other", title: "").study
        _ = try other.importParticipants(
            path: files.write("p.csv", Fixtures.participants), study: filler, options: .init())
        let restored = try other.restore(
            archive: try BackupArchive.read(path: path), path: path, as: nil, keyPassphrase: BackupTests.passphrase)
        #expect(restored.study.slug == "ipr-2018")
        #expect(restored.study.id != study.id)
        #expect(restored.rows.first { $0.table == "coding_events" }!.rows > 1000)

        let before = try BackupTests.outputs(store, study)
        let after = try BackupTests.outputs(other, restored.study)
        #expect(before.keys.sorted() == after.keys.sorted())
        for name in before.keys.sorted() {
            #expect(before[name]! == after[name]!, "\(name) differs after restore")
            #expect(!before[name]!.isEmpty, "\(name) is empty: the comparison would prove nothing")
        }
        let audit = try other.verifyAudit(study: restored.study)
        #expect(audit.intact, "\(audit.breaks) \(audit.withdrawalProblems)")
        #expect(audit.events == (try store.verifyAudit(study: study)).events)
        #expect(audit.withdrawals == 1)

        let keyPath = try #require(restored.keyPath)
        #expect(keyPath == StudyKey.path(slug: "ipr-2018", home: second.home))
        #expect(
            FileManager.default.contents(atPath: keyPath)
                == FileManager.default.contents(atPath: StudyKey.path(slug: "ipr-2018", home: db.home)))
        let mode = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // the restored key still turns the same person into the same pseudonym
        let again = try other.importParticipants(
            path: SampleCodingTests.folder + "/participants.csv", study: restored.study, options: .init())
        #expect(again.summary.new == 0 && again.summary.unchanged == 59)
        #expect(
            again.warnings.contains {
                guard case .withdrawn(_, _, "P07", _) = $0 else { return false }
                return true
            })
    }

    /// The participants' cell keys (issue 14) travel with the study, so an analyst's perturbed counts stay the same
    /// after a restore; an archive from before them (schema version 8, no keys file) restores, its participants
    /// getting fresh keys, while one from before a migration that changed what archives hold is still refused.
    @Test func cellKeysTravelAndOlderArchivesGetFreshOnes() throws {
        let (source, store, study) = try Fixtures.sampleStudy()
        let files = TestFiles()
        let path = files.folder + "/ipr-2018.zip"
        let archive = try store.backup(
            study: study, to: path, toolVersion: "test", keyPassphrase: BackupTests.passphrase)
        #expect(archive.manifest.files.first { $0.table == "participant_cell_keys" }?.rows == 60)
        let keys = """
            SELECT string_agg(p.pseudonym || ':' || k.cell_key, ',' ORDER BY p.number)
              FROM participants p JOIN participant_cell_keys k USING (study_id, participant_id)
             WHERE p.study_id = (SELECT study_id FROM studies WHERE slug = $1)
            """
        let target = try TestDatabase()
        let other = try target.store()
        _ = try other.restore(
            archive: try BackupArchive.read(path: path), path: path, as: nil, keyPassphrase: BackupTests.passphrase)
        let original = try source.scalar(keys, ["ipr-2018"])
        let carried = try target.scalar(keys, ["ipr-2018"])
        #expect(original != nil && carried == original)
        for version in [8, 7] {
            var old = try BackupArchive.read(path: path)
            old.files.removeValue(forKey: "participant_cell_keys.csv")
            old.manifest.files.removeAll { $0.table == "participant_cell_keys" }
            old.manifest.schemaVersion = version
            old.manifest.mac = old.manifest.computeMAC(studyKey: try store.key(for: study).bytes)
            let oldPath = files.folder + "/old-\(version).zip"
            try old.write(path: oldPath)
            let restore = {
                _ = try other.restore(
                    archive: try BackupArchive.read(path: oldPath), path: oldPath, as: "older-\(version)",
                    keyPassphrase: BackupTests.passphrase)
            }
            if version == 8 {
                try restore()
                let fresh = try target.scalar(keys, ["older-8"])
                #expect(fresh?.split(separator: ",").count == 60 && fresh != original)
            } else {
                let error = try #require(throws: StoreError.self) { try restore() }
                #expect(error.message.contains("was written with schema version 7"), "\(error.message)")
            }
        }
    }

    @Test func refusesAnExistingSlugButRestoresUnderAnotherName() throws {
        let (db, store, study) = try Fixtures.sampleStudy()
        let files = TestFiles()
        let path = files.folder + "/b.zip"
        try store.backup(study: study, to: path, toolVersion: "test", keyPassphrase: nil)
        let archive = try BackupArchive.read(path: path)
        #expect(archive.manifest.key == nil)
        #expect(archive.files.keys.contains(BackupArchive.keyName) == false)
        let before = try db.snapshot()
        let error = try #require(throws: StoreError.self) {
            try store.restore(archive: archive, path: path, as: nil, keyPassphrase: nil)
        }
        #expect(error.message == "study 'ipr-2018' already exists in this database: not restoring over it")
        #expect(error.exitCode == 65)
        #expect(try db.snapshot() == before)
        let copy = try store.restore(archive: archive, path: path, as: "ipr-copy", keyPassphrase: nil)
        #expect(try store.verifyAudit(study: copy.study).intact)
        #expect(try store.verifyAudit(study: study).intact)
        #expect(copy.keyNote?.contains("holds no key") == true)
        let original = try store.consensus(study: study, request: .init()).rows
        #expect(try store.consensus(study: copy.study, request: .init()).rows == original)
    }

    /// Each damage, with the message it must give; the database is compared before and after.
    @Test(arguments: ["truncated", "checksum", "schema", "format", "rows", "passphrase", "missing"])
    func refusesADamagedArchiveWithTheDatabaseUnchanged(_ damage: String) throws {
        let (source, store, study) = try Fixtures.sampleStudy()
        let files = TestFiles()
        let path = files.folder + "/good.zip"
        try store.backup(study: study, to: path, toolVersion: "test", keyPassphrase: BackupTests.passphrase)
        let target = try TestDatabase()
        let other = try target.store()
        let bad = files.folder + "/bad.zip"
        var archive = try BackupArchive.read(path: path)
        var passphrase = BackupTests.passphrase
        let expected: String
        switch damage {
        case "truncated":
            let bytes = FileManager.default.contents(atPath: path)!
            FileManager.default.createFile(atPath: bad, contents: bytes.prefix(bytes.count * 2 / 3))
            expected = "not a complete zip archive (truncated or damaged)"
        case "checksum":
            archive.files["codings.csv"]![200] ^= 0x01
            try archive.write(path: bad)
            expected = "checksum mismatch in codings.csv"
        case "schema":
            archive.manifest.schemaVersion += 1
            try archive.write(path: bad)
            expected = "was written with schema version \(archive.manifest.schemaVersion)"
        case "format":
            archive.manifest.formatVersion = 99
            try archive.write(path: bad)
            expected = "version 99 is not one this build reads"
        case "rows":
            let index = archive.manifest.files.firstIndex { $0.table == "codings" }!
            archive.manifest.files[index].rows -= 1
            try archive.write(path: bad)
            expected = "authentication code does not match"
        case "missing":
            archive.files.removeValue(forKey: "reviews.csv")
            try archive.write(path: bad)
            expected = "reviews.csv is missing from the archive"
        default:
            try archive.write(path: bad)
            passphrase = "wrong horse"
            expected = "wrong passphrase for the study key"
        }
        let before = try target.snapshot()
        let error = try #require(throws: StoreError.self) {
            let read = try BackupArchive.read(path: bad)
            try other.restore(archive: read, path: bad, as: nil, keyPassphrase: passphrase)
        }
        #expect(error.message.contains(expected), "\(error.message)")
        #expect(error.message.contains(bad), "\(error.message)")
        #expect(error.exitCode == 65)
        #expect(try target.snapshot() == before)
        #expect(!FileManager.default.fileExists(atPath: StudyKey.path(slug: "ipr-2018", home: target.home)))
        withExtendedLifetime(source) {}
    }

    /// Forged and hostile archives (issue 13): each refused with exit 65, a message naming what is wrong, the
    /// database unchanged, in bounded time and memory.
    @Test(arguments: ["rehashed", "rehashed-keyless", "renamed", "iterations", "oversized", "unlisted"])
    func refusesAForgedArchive(_ forgery: String) throws {
        let (source, store, study) = try Fixtures.sampleStudy()
        let files = TestFiles()
        let path = files.folder + "/good.zip"
        try store.backup(study: study, to: path, toolVersion: "test", keyPassphrase: BackupTests.passphrase)
        let target = try TestDatabase()
        let other = try target.store()
        let bad = files.folder + "/bad.zip"
        var archive = try BackupArchive.read(path: path)
        #expect(archive.manifest.mac != nil)
        var passphrase: String? = BackupTests.passphrase
        func rehash(_ name: String) {
            let index = archive.manifest.files.firstIndex { $0.name == name }!
            archive.manifest.files[index].sha256 = Hashing.hex(Hashing.sha256(archive.files[name]!))
            archive.manifest.files[index].bytes = archive.files[name]!.count
        }
        let expected: String
        switch forgery {
        case "rehashed", "rehashed-keyless":
            // an event's note and time rewritten, and the manifest's checksum recomputed to match
            var text = String(decoding: archive.files["coding_events.csv"]!, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false
            ).map(String.init)
            let line = try #require(
                text.indices.dropFirst(5).first {
                    text[$0].split(separator: ",", omittingEmptySubsequences: false).count == 12
                })
            var fields = text[line].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[1] = "2016-05-01 10:00:00+00"
            fields[10] = "forged"
            text[line] = fields.joined(separator: ",")
            archive.files["coding_events.csv"] = Array(text.joined(separator: "\n").utf8)
            rehash("coding_events.csv")
            try archive.write(path: bad)
            if forgery == "rehashed" {
                expected = "authentication code does not match"
            } else {
                // no key at hand: the manifest cannot be checked, the recomputed chain still catches the edit
                archive.manifest.key = nil
                archive.files.removeValue(forKey: BackupArchive.keyName)
                try archive.write(path: bad)
                passphrase = nil
                expected = "coding_events.csv does not hold the chain"
            }
        case "renamed":
            let index = archive.manifest.files.firstIndex { $0.name == "codings.csv" }!
            archive.manifest.files[index].name = "codings-2.csv"
            archive.files["codings-2.csv"] = archive.files.removeValue(forKey: "codings.csv")
            try archive.write(path: bad)
            expected = "the manifest lists codings-2.csv for table 'codings'"
        case "iterations":
            archive.manifest.key!.envelope.iterations = 3_000_000_000
            try archive.write(path: bad)
            expected = "asks for 3000000000 PBKDF2 iterations"
        case "oversized":
            let index = archive.manifest.files.firstIndex { $0.name == "codings.csv" }!
            archive.manifest.files[index].bytes = 100
            try archive.write(path: bad)
            expected = "more than the 100 the manifest allows"
        default:
            // 256 MiB of zeros beside the listed files: never inflated
            try archive.write(path: bad)
            let zip = try Archive(url: URL(fileURLWithPath: bad), accessMode: .update)
            let size = 256 << 20
            let chunk = Data(count: 1 << 20)
            try zip.addEntry(
                with: "huge.bin", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate
            ) { _, length in chunk.prefix(length) }
            expected = ""
        }
        let before = try target.snapshot()
        let started = Date()
        if forgery == "unlisted" {
            let read = try BackupArchive.read(path: bad)
            #expect(read.files["huge.bin"] == nil)
            #expect(Date().timeIntervalSince(started) < 5)
            return
        }
        let error = try #require(throws: StoreError.self) {
            let read = try BackupArchive.read(path: bad)
            try other.restore(archive: read, path: bad, as: nil, keyPassphrase: passphrase)
        }
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(error.message.contains(expected), "\(error.message)")
        #expect(error.message.contains(bad), "\(error.message)")
        #expect(error.exitCode == 65)
        #expect(try target.snapshot() == before)
        withExtendedLifetime(source) {}
    }

    @Test func sealedKeyOpensOnlyWithItsPassphrase() {
        let secret = Array("00112233445566778899aabbccddeeff\n".utf8)
        let (envelope, ciphertext) = KeyEnvelope.seal(secret, passphrase: "p", iterations: 1000)
        #expect(ciphertext != secret && ciphertext.count == secret.count)
        #expect(envelope.open(ciphertext, passphrase: "p") == secret)
        #expect(envelope.open(ciphertext, passphrase: "q") == nil)
        var altered = ciphertext
        altered[0] ^= 1
        #expect(envelope.open(altered, passphrase: "p") == nil)
    }
}

import Foundation
import ViewpointsCore

/// How `import participants` behaves.
public struct ParticipantImportOptions: ImportModeOptions, Sendable {
    /// Identifying columns besides `ParticipantsFile.defaultIdentifying`.
    public var identifying = ParticipantsFile.defaultIdentifying
    /// Columns to store as attributes although they look identifying (`--keep-attribute`).
    public var keepAttributes: [String] = []
    /// Replace the attributes of changed participants instead of refusing them.
    public var update = false
    /// Number new participants in file order instead of digest order.
    public var fileOrder = false
    public var dryRun = false

    public init() {}
}

/// What `import participants` did.
public struct ParticipantImportResult: Sendable {
    public var summary: ImportSummary
    public var warnings: [String] = []
    /// Pseudonyms given to new participants, in number order.
    public var newPseudonyms: [String] = []
}

/// A stored participant as the importers need it.
struct StoredParticipant {
    var id: String
    var pseudonym: String
    var number: Int
    var digestHex: String
    var attributes: [String: String]
}

extension Store {
    func storedParticipants(study: Study) throws(StoreError) -> [StoredParticipant] {
        try connection.query(ParticipantQueries.all, [study.id], doing: "reading participants")
            .decode((String, String, Int, String, String).self).map {
                StoredParticipant(
                    id: $0.0, pseudonym: $0.1, number: $0.2, digestHex: $0.3, attributes: Store.decodeAttributes($0.4))
            }
    }

    static func decodeAttributes(_ json: String) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            return [:]
        }
        return object.compactMapValues { $0 as? String }
    }

    static func encodeAttributes(_ pairs: [(key: String, value: String)]) -> String {
        let object = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Imports a participants CSV in one transaction: identifiers become keyed digests, never stored as such.
    public func importParticipants(path: String, study: Study, options: ParticipantImportOptions) throws
        -> ParticipantImportResult
    {
        let file = try ParticipantsFile.read(
            path: path, identifying: options.identifying, keepAttributes: options.keepAttributes)
        let key = try key(for: study)
        var result = ParticipantImportResult(summary: ImportSummary(kind: "participants", options: options))
        if options.fileOrder {
            result.warnings.append(
                "--order file: pseudonyms follow the file's order; if the file is alphabetical, P01 is the first name "
                    + "of any published list")
        }
        for row in file.rows where MixedScript.isMixed(row.identifier) {
            result.warnings.append(
                "\(path):\(row.line): 'participant' mixes \(MixedScript.scripts(row.identifier).joined(separator: " and ")) "
                    + "letters; if it is meant to be a person already listed, fix the look-alike letters, or it is "
                    + "stored as another participant")
        }
        try importTransaction(dryRun: options.dryRun, doing: "importing participants") {
            try connection.query(StudyQueries.lockForImport, [study.id], doing: "locking the study")
            let stored = try storedParticipants(study: study)
            let withdrawn = try withdrawnIdentities(study: study)
            let withdrawnByDigest = Dictionary(withdrawn.map { ($0.digestHex, $0) }, uniquingKeysWith: { a, _ in a })
            let byDigest = Dictionary(stored.map { ($0.digestHex, $0) }, uniquingKeysWith: { a, _ in a })
            var newRows: [(digest: [UInt8], row: ParticipantsFile.Row)] = []
            var changed: [(StoredParticipant, ParticipantsFile.Row)] = []
            var seen = Set<String>()
            for row in file.rows {
                let digest = key.digest(identifier: row.identifier)
                let hex = Hashing.hex(digest)
                // a withdrawn person may stay in the file (so their name stays redacted): never imported again
                if let gone = withdrawnByDigest[hex] {
                    result.summary.withdrawn += 1
                    result.warnings.append(
                        "\(path):\(row.line): skipped: this person withdrew consent as \(gone.pseudonym) on \(gone.date); "
                            + "a withdrawn participant is never imported again")
                    continue
                }
                seen.insert(hex)
                if let existing = byDigest[hex] {
                    let attributes = Dictionary(
                        row.attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
                    if attributes == existing.attributes {
                        result.summary.unchanged += 1
                    } else {
                        changed.append((existing, row))
                    }
                } else {
                    newRows.append((digest, row))
                }
            }
            result.summary.new = newRows.count
            result.summary.changed = changed.count
            result.summary.notInFile = stored.filter { !seen.contains($0.digestHex) }.count
            if !changed.isEmpty && !options.update {
                var problems = ProblemList(file: path)
                for (existing, row) in changed {
                    let attributes = Dictionary(
                        row.attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
                    let keys = Set(attributes.keys).union(existing.attributes.keys).sorted()
                    let diffs = keys.filter { attributes[$0] != existing.attributes[$0] }.map {
                        "\($0): \(existing.attributes[$0] ?? "(none)") → \(attributes[$0] ?? "(none)")"
                    }
                    problems.add(
                        line: row.line, column: 1,
                        "\(existing.pseudonym) is stored with other attributes (\(diffs.joined(separator: "; "))); "
                            + "pass --update to replace them")
                }
                throw ImportFailure(problems: problems.problems, more: problems.more)
            }
            if !options.fileOrder {
                newRows.sort { $0.digest.lexicographicallyPrecedes($1.digest) }
            }
            var width = study.pseudonymWidth
            if width == nil, !newRows.isEmpty {
                width = max(2, String(newRows.count + stored.count + withdrawn.count).count)
                try connection.query(
                    ParticipantQueries.setWidth, [study.id, String(width!)], doing: "fixing the pseudonym width")
            }
            // a withdrawn participant's number is never given again
            let start = (stored.map(\.number) + withdrawn.map(\.number)).max().map { $0 + 1 } ?? 1
            let pad = width ?? 2
            // an owner copies straight into the table; anyone row-level security applies to (a lead) through a
            // temporary table and an INSERT the policies check, since PostgreSQL refuses them COPY FROM into it
            let staged = try !sessionLogin().bypasses
            if staged, !newRows.isEmpty {
                try connection.execute(ParticipantQueries.createCopyStage, doing: "storing participants")
            }
            if !newRows.isEmpty {
                try connection.copyIn(
                    staged ? ParticipantQueries.copyIntoStage : ParticipantQueries.copyIn, doing: "storing participants"
                ) {
                    (writer: inout CopyWriter) throws(StoreError) in
                    for (offset, item) in newRows.enumerated() {
                        let number = start + offset
                        let pseudonym = Store.pseudonym(number: number, width: pad)
                        result.newPseudonyms.append(pseudonym)
                        try writer.row([
                            study.id, pseudonym, String(number), "\\x" + Hashing.hex(item.digest),
                            Store.encodeAttributes(item.row.attributes),
                        ])
                    }
                }
                if staged {
                    try connection.execute(ParticipantQueries.insertFromCopyStage, doing: "storing participants")
                }
            }
            for (existing, row) in changed where options.update {
                try connection.query(
                    ParticipantQueries.updateAttributes,
                    [study.id, existing.id, Store.encodeAttributes(row.attributes)],
                    doing: "updating \(existing.pseudonym)")
            }
        }
        return result
    }

    /// `P07`: the number zero-padded to the study's width.
    static func pseudonym(number: Int, width: Int) -> String {
        let digits = String(number)
        return "P" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension Store {
    /// Runs an import in one transaction: committed when `body` returns, rolled back when it throws or on a dry run.
    func importTransaction(dryRun: Bool, doing what: String, _ body: () throws -> Void) throws {
        try connection.transaction(dryRun: dryRun, doing: what, body)
        guard !dryRun else { return }
        // Fresh statistics after a load, as PostgreSQL's manual advises: without them the consensus query over a
        // just-imported sample chose nested loops and took minutes instead of a third of a second.
        let tables = try connection.query(
            """
            SELECT string_agg(quote_ident(c.relname), ', ') FROM pg_class c
             WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
               AND c.relname = ANY ($1::text[])
            """, ["{participants,statements,codes,coders,codings,reviews,adjudications,coding_events}"],
            doing: "finding tables to analyze"
        ).scalar
        if let tables, !tables.isEmpty {
            try? connection.execute("ANALYZE " + tables, doing: "updating planner statistics")
        }
    }
}

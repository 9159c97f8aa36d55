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
    public var warnings: [ImportWarning] = []
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
    public func importParticipants(file input: InputFile, study: Study, options: ParticipantImportOptions) throws
        -> ParticipantImportResult
    {
        let file = try ParticipantsFile.read(
            input, identifying: options.identifying, keepAttributes: options.keepAttributes)
        let key = try key(for: study)
        return try importTransaction(dryRun: options.dryRun, doing: "importing participants") {
            try storeParticipants(file, key: key, study: study, options: options)
        }
    }

    /// The participants import inside a transaction the caller holds (`import participants`, `import project`).
    func storeParticipants(_ file: ParticipantsFile, key: StudyKey, study: Study, options: ParticipantImportOptions)
        throws -> ParticipantImportResult
    {
        let path = file.path
        var result = ParticipantImportResult(summary: ImportSummary(kind: "participants", options: options))
        result.warnings = ParticipantImportResult.warnings(file: file, path: path, fileOrder: options.fileOrder)
        try connection.query(StudyQueries.lockForImport, [study.id], doing: "locking the study")
        let stored = try storedParticipants(study: study)
        let withdrawn = try withdrawnIdentities(study: study)
        var plan = ParticipantPlan(
            file: file, path: path, key: key, stored: stored, withdrawn: withdrawn, result: &result)
        if !plan.changed.isEmpty && !options.update { throw plan.refusal(path: path) }
        if !options.fileOrder { plan.new.sort { $0.digest.lexicographicallyPrecedes($1.digest) } }
        try insertParticipants(plan, study: study, result: &result)
        for (existing, row) in plan.changed where options.update {
            try connection.query(
                ParticipantQueries.updateAttributes,
                [study.id, existing.id, Store.encodeAttributes(row.attributes)],
                doing: "updating \(existing.pseudonym)")
        }
        return result
    }

    /// Numbers and stores the plan's new participants (fixing the study's pseudonym width at its first import).
    func insertParticipants(_ plan: ParticipantPlan, study: Study, result: inout ParticipantImportResult)
        throws(StoreError)
    {
        guard !plan.new.isEmpty else { return }
        var width = study.pseudonymWidth
        if width == nil {
            width = Pseudonym.width(participants: plan.new.count + plan.stored.count + plan.withdrawn.count)
            try connection.query(
                ParticipantQueries.setWidth, [study.id, String(width ?? 2)], doing: "fixing the pseudonym width")
        }
        // a withdrawn participant's number is never given again
        let start = Pseudonym.nextNumber(after: plan.stored.map(\.number) + plan.withdrawn.map(\.number))
        let pad = width ?? 2
        // an owner copies straight into the table; anyone row-level security applies to (a lead) through a
        // temporary table and an INSERT the policies check, since PostgreSQL refuses them COPY FROM into it
        let staged = try !sessionLogin().bypasses
        if staged { try connection.execute(ParticipantQueries.createCopyStage, doing: "storing participants") }
        var pseudonyms: [String] = []
        try connection.copyIn(
            staged ? ParticipantQueries.copyIntoStage : ParticipantQueries.copyIn, doing: "storing participants"
        ) { (writer: inout CopyWriter) throws(StoreError) in
            for (offset, item) in plan.new.enumerated() {
                let number = start + offset
                let pseudonym = Pseudonym.name(number: number, width: pad)
                pseudonyms.append(pseudonym)
                try writer.row([
                    study.id, pseudonym, String(number), "\\x" + Hashing.hex(item.digest),
                    Store.encodeAttributes(item.row.attributes),
                ])
            }
        }
        result.newPseudonyms += pseudonyms
        if staged {
            try connection.execute(ParticipantQueries.insertFromCopyStage, doing: "storing participants")
        }
    }
}

extension ParticipantImportResult {
    /// What the user should know before the import runs: file order numbering, mixed-script identifiers.
    static func warnings(file: ParticipantsFile, path: String, fileOrder: Bool) -> [ImportWarning] {
        var warnings: [ImportWarning] = fileOrder ? [.fileOrder] : []
        for row in file.rows where MixedScript.isMixed(row.identifier) {
            warnings.append(.mixedScript(file: path, line: row.line, scripts: MixedScript.scripts(row.identifier)))
        }
        return warnings
    }
}

/// A participants file matched against the study by keyed digest: who is new, changed, unchanged or withdrawn.
struct ParticipantPlan {
    var stored: [StoredParticipant]
    var withdrawn: [WithdrawnIdentity]
    var new: [(digest: [UInt8], row: ParticipantsFile.Row)] = []
    var changed: [(StoredParticipant, ParticipantsFile.Row)] = []

    /// Matches every row, counting into `result`'s summary and warning about rows of withdrawn participants.
    init(
        file: ParticipantsFile, path: String, key: StudyKey, stored: [StoredParticipant],
        withdrawn: [WithdrawnIdentity], result: inout ParticipantImportResult
    ) {
        self.stored = stored
        self.withdrawn = withdrawn
        let withdrawnByDigest = Dictionary(withdrawn.map { ($0.digestHex, $0) }, uniquingKeysWith: { a, _ in a })
        let byDigest = Dictionary(stored.map { ($0.digestHex, $0) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        for row in file.rows {
            let digest = key.digest(identifier: row.identifier)
            let hex = Hashing.hex(digest)
            // a withdrawn person may stay in the file (so their name stays redacted): never imported again
            if let gone = withdrawnByDigest[hex] {
                result.summary.withdrawn += 1
                result.warnings.append(
                    .withdrawn(file: path, line: row.line, pseudonym: gone.pseudonym, date: gone.date))
                continue
            }
            seen.insert(hex)
            if let existing = byDigest[hex] {
                if ParticipantPlan.attributes(row) == existing.attributes {
                    result.summary.unchanged += 1
                } else {
                    changed.append((existing, row))
                }
            } else {
                new.append((digest, row))
            }
        }
        result.summary.new = new.count
        result.summary.changed = changed.count
        result.summary.notInFile = stored.filter { !seen.contains($0.digestHex) }.count
    }

    static func attributes(_ row: ParticipantsFile.Row) -> [String: String] {
        Dictionary(row.attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// The refusal of changed attributes without `--update`, each change named.
    func refusal(path: String) -> ImportFailure {
        var problems = ProblemList(file: path)
        for (existing, row) in changed {
            let attributes = ParticipantPlan.attributes(row)
            let keys = Set(attributes.keys).union(existing.attributes.keys).sorted()
            let diffs = keys.filter { attributes[$0] != existing.attributes[$0] }.map {
                "\($0): \(existing.attributes[$0] ?? "(none)") → \(attributes[$0] ?? "(none)")"
            }
            problems.add(
                line: row.line, column: 1,
                "\(existing.pseudonym) is stored with other attributes (\(diffs.joined(separator: "; ")))",
                remedy: .updateAttributes)
        }
        return ImportFailure(problems: problems.problems, more: problems.more)
    }
}

extension Store {
    /// Runs an import in one transaction: committed when `body` returns, rolled back when it throws or on a dry run.
    /// The imports' `store…` parts run inside it and never begin one of their own, so several share one.
    @discardableResult
    func importTransaction<T>(dryRun: Bool, doing what: String, _ body: () throws -> T) throws -> T {
        try connection.transaction(dryRun: dryRun, doing: what) {
            let value = try body()
            if !dryRun { try analyzeImportedTables() }
            return value
        }
    }

    /// Fresh statistics after a load, as PostgreSQL's manual advises: without them the consensus query over a
    /// just-imported sample chose nested loops and took minutes instead of a third of a second. Taken before the
    /// commit (ANALYZE counts the transaction's own rows), because the maintained stances are refreshed at the
    /// commit: with the statistics of a study deleted before, the refresh of a second study's 30,000 imported codings
    /// planned nested loops and took 20 s instead of 0.8 s. A savepoint keeps a refused ANALYZE (a table the login
    /// does not own is skipped with a warning) from failing the import.
    func analyzeImportedTables() throws {
        let tables = try connection.query(
            """
            SELECT string_agg(quote_ident(c.relname), ', ') FROM pg_class c
             WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
               AND c.relname = ANY ($1::text[])
            """, ["{participants,statements,codes,coders,codings,reviews,adjudications,coding_events}"],
            doing: "finding tables to analyze"
        ).scalar
        guard let tables, !tables.isEmpty else { return }
        try connection.execute("SAVEPOINT analyze_import", doing: "updating planner statistics")
        do {
            try connection.execute("ANALYZE " + tables, doing: "updating planner statistics")
            try connection.execute("RELEASE SAVEPOINT analyze_import", doing: "updating planner statistics")
        } catch {
            try connection.execute("ROLLBACK TO SAVEPOINT analyze_import", doing: "updating planner statistics")
        }
    }
}

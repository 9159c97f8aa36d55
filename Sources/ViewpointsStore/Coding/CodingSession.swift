import Foundation
import ViewpointsCore

/// One coder's interactive session: which statement is next, and every action committed at once.
///
/// Blind: it reads only this coder's own codings. The executable reads lines, parses them with `CodingLine`
/// and prints what the session returns.
public final class CodingSession {
    /// A statement as shown to the coder.
    public struct Screen: Sendable {
        public var reference: String
        public var pseudonym: String
        public var attributes: [(String, String)]
        public var question: String?
        public var text: String
        /// 1-based position in the session's order, and its length (`12/480`).
        public var position: Int
        public var total: Int
        /// This coder's own codings on it.
        public var codings: [OwnCoding]
    }

    /// One of the coder's codings.
    public struct OwnCoding: Sendable, Equatable {
        public var key: String
        public var number: Int
        public var stance: Stance
        public var note: String?
    }

    struct Undo {
        var index: Int
        var code: CodeTarget
        var stance: Stance?
        var note: String?
    }

    let store: Store
    let study: Study
    public let coder: StoredCoder
    /// The codebook, in codebook order.
    public private(set) var codebook: [StoredCode]
    let order: [(id: String, reference: String)]
    var reviewed: Set<String>
    /// Statements whose review this session recorded only because a code was applied (not by Enter): undoing
    /// every coding on one leaves it unreviewed again.
    var implicitlyReviewed: Set<String> = []
    var skipped: Set<Int> = []
    var shown: [Int] = []
    var undos: [Undo] = []
    var lastCoded: CodeTarget?
    /// The index of the statement on screen.
    public private(set) var current: Int?
    /// Told, in a sentence for the user, when the connection was lost and made again (the action is then retried
    /// once, or, when its commit's outcome is unknown, reported and not repeated).
    public var onReconnect: (String) -> Void = { _ in }

    /// Opens a session for `coder` over the study's statements in study order, or the sample when `sample` is
    /// given (order by SHA-256 of `seed:reference`), optionally only one participant's statements.
    public init(store: Store, study: Study, coder name: String, participant: String?, sample: (SampleSize, String)?)
        throws(StoreError)
    {
        self.store = store
        self.study = study
        coder = try store.coder(named: name, study: study)
        codebook = try store.codes(study: study)
        var all = try store.connection.query(SessionQueries.order, [study.id], doing: "listing statements")
            .decode((String, String, String).self).map { (id: $0.0, reference: $0.1, pseudonym: $0.2) }
        if let (size, seed) = sample {
            let chosen = CodingSample.select(references: all.map(\.reference), seed: seed, size: size)
            let byReference = Dictionary(all.map { ($0.reference, $0) }, uniquingKeysWith: { a, _ in a })
            all = chosen.map { byReference[$0]! }
        }
        if let participant {
            guard all.contains(where: { $0.pseudonym == participant }) || sample != nil else {
                throw StoreError(
                    .notFound, "no statements of participant \(participant) in study \(study.slug)",
                    reason: .noSuchParticipant)
            }
            all = all.filter { $0.pseudonym == participant }
        }
        order = all.map { (id: $0.id, reference: $0.reference) }
        reviewed = Set(
            try store.connection.query(
                SessionQueries.reviewedByCoder, [study.id, coder.id], doing: "reading reviews"
            ).column(0, as: String.self))
    }

    /// How many statements the session covers, and how many of them this coder has reviewed.
    public var progress: (reviewed: Int, total: Int) {
        (order.filter { reviewed.contains($0.id) }.count, order.count)
    }

    /// Moves to the next statement this coder has not reviewed (and not skipped in this session); nil when done.
    public func next() throws(StoreError) -> Screen? {
        let start = current.map { $0 + 1 } ?? 0
        let candidates = Array(start..<order.count) + Array(0..<min(start, order.count))
        guard let index = candidates.first(where: { !reviewed.contains(order[$0].id) && !skipped.contains($0) })
        else {
            current = nil
            return nil
        }
        return try show(index)
    }

    /// The statement at `index`, now current.
    func show(_ index: Int) throws(StoreError) -> Screen {
        if current != index {
            if let current { shown.append(current) }
            current = index
            lastCoded = nil
        }
        return try screen()
    }

    /// The current statement as it is now.
    public func screen() throws(StoreError) -> Screen {
        guard let index = current else { throw StoreError(.usage, "no statement is on screen") }
        let id = order[index].id
        let (found, codings) = try resilient { () throws(StoreError) in
            (
                try store.connection.query(SessionQueries.statement, [study.id, id], doing: "reading a statement")
                    .rows.first,
                try ownCodings(statementID: id)
            )
        }
        guard let row = found else {
            throw StoreError(.notFound, "statement \(order[index].reference) was deleted")
        }
        let (reference, pseudonym, attributes, question, text) = try row.decode(
            (String, String, String, String?, String).self)
        return Screen(
            reference: reference, pseudonym: pseudonym, attributes: CodingSession.attributes(attributes),
            question: question, text: text, position: index + 1, total: order.count, codings: codings)
    }

    /// Runs one read or one whole transaction, again once after reconnecting when the connection was lost.
    func resilient<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try store.connection.retryingOnLostConnection(onReconnect: onReconnect, body)
    }

    /// Runs one change to `code` on the statement at `index` in its own transaction (again once after a lost
    /// connection), and keeps an undo entry only once it is committed: a failed attempt leaves none behind.
    func undoable(
        _ what: String, statement: StatementTarget, code: CodeTarget, index: Int,
        _ body: () throws(StoreError) -> CodingChange
    ) throws(StoreError) -> CodingChange {
        let (change, before) = try resilient { () throws(StoreError) in
            try store.connection.transaction(doing: "\(what) \(statement.reference)") { () throws(StoreError) in
                let before = try store.connection.query(
                    CodingQueries.currentCoding, [study.id, statement.id, code.id, coder.id],
                    doing: "reading the coding"
                ).rows.first
                return (try body(), before)
            }
        }
        if change.kind != .unchanged { undos.append(try undoEntry(index: index, code: code, before: before)) }
        return change
    }

    /// What an action's undo restores: the coding as it was before.
    func undoEntry(index: Int, code: CodeTarget, before: Row?) throws(StoreError) -> Undo {
        let (stance, note) = try before?.decode((Stance?, String?).self) ?? (nil, nil)
        return Undo(index: index, code: code, stance: stance, note: note)
    }

    func ownCodings(statementID: String) throws(StoreError) -> [OwnCoding] {
        try store.connection.query(
            CodingQueries.codingsOfCoder, [study.id, statementID, coder.id], doing: "reading your codings"
        ).map { (row) throws(StoreError) in
            let (_, key, number, stance, note) = try row.decode((String, String, Int, Stance, String?).self)
            return OwnCoding(key: key, number: number, stance: stance, note: note)
        }
    }

    static func attributes(_ json: String) -> [(String, String)] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return [] }
        return object.map { ($0.key, "\($0.value)") }.sorted { $0.0 < $1.0 }
    }

    var target: StatementTarget {
        get throws(StoreError) {
            guard let index = current else { throw StoreError(.usage, "no statement is on screen") }
            return StatementTarget(id: order[index].id, reference: order[index].reference)
        }
    }

    // MARK: - Actions, each committed at once

    /// Applies codes with stances to the current statement; each is committed before the next.
    public func apply(_ applications: [CodingLine.Application]) throws(StoreError) -> [CodingChange] {
        let statement = try target
        var changes: [CodingChange] = []
        // resolve every code first, so a typo in the line applies nothing
        let codes = try applications.map { (application) throws(StoreError) in
            try resilient { () throws(StoreError) in try store.proposition(application.code, study: study) }
        }
        let index = current!
        for (application, code) in zip(applications, codes) {
            let change = try undoable("coding", statement: statement, code: code, index: index) {
                () throws(StoreError) in
                try store.record(
                    study: study, coder: coder, statement: statement, code: code, stance: application.stance,
                    note: .keep)
            }
            lastCoded = code
            // a coding needs its review row; until Enter, undoing every coding takes the review back
            if !reviewed.contains(statement.id) { implicitlyReviewed.insert(statement.id) }
            reviewed.insert(statement.id)
            changes.append(change)
        }
        return changes
    }

    /// Notes the last coding applied on this statement.
    public func note(_ text: String) throws(StoreError) -> CodingChange {
        let statement = try target
        guard let code = lastCoded else {
            throw StoreError(.usage, "apply a code first: a note belongs to the last coding of this statement")
        }
        let index = current!
        return try undoable("noting", statement: statement, code: code, index: index) { () throws(StoreError) in
            try store.setNote(study: study, coder: coder, statement: statement, code: code, note: text)
        }
    }

    /// Marks the current statement reviewed and moves to the next; nil when every statement is reviewed.
    public func done() throws(StoreError) -> Screen? {
        let statement = try target
        _ = try resilient { () throws(StoreError) in
            try store.connection.transaction(doing: "reviewing \(statement.reference)") { () throws(StoreError) in
                try store.review(study: study, coder: coder, statement: statement)
            }
        }
        reviewed.insert(statement.id)
        implicitlyReviewed.remove(statement.id)
        return try next()
    }

    /// Leaves the current statement unreviewed for this session and moves on.
    public func skip() throws(StoreError) -> Screen? {
        if let current { skipped.insert(current) }
        return try next()
    }

    /// Back to the statement shown before this one; nil when there is none.
    public func back() throws(StoreError) -> Screen? {
        guard let previous = shown.popLast() else { return nil }
        current = previous
        lastCoded = nil
        return try screen()
    }

    /// Undoes the last change of this session (going back to its statement); nil when there is nothing to undo.
    public func undo() throws(StoreError) -> (CodingChange, Screen)? {
        // popped only once undone: an undo that fails can be tried again
        guard let last = undos.last else { return nil }
        if current != last.index {
            if let current { shown.append(current) }
            current = last.index
        }
        let statement = try target
        let takeBack = implicitlyReviewed.contains(statement.id)
        let (change, unreviewed) = try resilient { () throws(StoreError) in
            try store.connection.transaction(doing: "undoing on \(statement.reference)") { () throws(StoreError) in
                let change = try store.record(
                    study: study, coder: coder, statement: statement, code: last.code, stance: last.stance,
                    note: .set(last.note))
                guard takeBack else { return (change, false) }
                let dropped = try store.connection.query(
                    SessionQueries.dropReviewWithoutCodings, [study.id, statement.id, coder.id],
                    doing: "taking back the review of \(statement.reference)")
                return (change, !dropped.rows.isEmpty)
            }
        }
        if unreviewed {
            reviewed.remove(statement.id)
            implicitlyReviewed.remove(statement.id)
        }
        undos.removeLast()
        lastCoded = last.stance == nil ? nil : last.code
        return (change, try screen())
    }

    /// Reloads the codebook (codes may have been added meanwhile).
    public func reloadCodebook() throws(StoreError) -> [StoredCode] {
        codebook = try resilient { () throws(StoreError) in try store.codes(study: study) }
        return codebook
    }
}

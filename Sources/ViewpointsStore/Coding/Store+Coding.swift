import ViewpointsCore

extension Store {
    // MARK: - Lookups

    /// The statement with this reference (the researcher's id, or PSEUDONYM:SEQ).
    public func statement(reference: String, study: Study) throws(StoreError) -> StatementTarget {
        guard
            let row = try connection.query(
                CodingQueries.statementByReference, [study.id, reference], doing: "looking up statement \(reference)"
            ).rows.first
        else {
            throw StoreError(
                .notFound, "no statement '\(reference)' in study \(study.slug)",
                hint: "give the statement's id as imported, or PSEUDONYM:SEQ (e.g. P07:3)", reason: .noSuchStatement)
        }
        let (id, found) = try row.decode((String, String).self)
        return StatementTarget(id: id, reference: found)
    }

    /// The proposition with this key or short number; themes cannot be applied.
    public func proposition(_ reference: CodeReference, study: Study) throws(StoreError) -> CodeTarget {
        let row: Row?
        switch reference {
        case .key(let key):
            row = try connection.query(CodingQueries.codeByKey, [study.id, key], doing: "looking up code \(key)").rows
                .first
        case .number(let number):
            row = try connection.query(
                CodingQueries.codeByNumber, [study.id, String(number)], doing: "looking up code \(number)"
            ).rows.first
        }
        guard let row else {
            var suggestion: String?
            if case .key(let key) = reference {
                suggestion = Suggestion.closest(to: key, in: try codes(study: study).map(\.key))
            }
            throw StoreError(
                .notFound, "no code '\(reference)' in the codebook of study \(study.slug)",
                hint: suggestion.map { "did you mean \($0)?" }, reason: .noSuchCode(suggestion: suggestion))
        }
        let (id, key, number, isProposition) = try row.decode((String, String, Int, Bool).self)
        guard isProposition else {
            throw StoreError(
                .usage, "\(key) is a theme; apply one of its propositions (\(key).…) instead",
                reason: .themeApplied)
        }
        return CodeTarget(id: id, key: key, number: number)
    }

    // MARK: - Scripted coding

    /// Applies a code with a stance (a new coding, or a changed stance or note), recording the review and an event.
    public func applyCoding(
        study: Study, coder: String, statement: String, code: CodeReference, stance: Stance, note: String?
    ) throws(StoreError) -> CodingChange {
        let coder = try self.coder(named: coder, study: study)
        let statement = try self.statement(reference: statement, study: study)
        let code = try proposition(code, study: study)
        return try connection.transaction(doing: "coding \(statement.reference)") { () throws(StoreError) in
            try record(
                study: study, coder: coder, statement: statement, code: code, stance: stance,
                note: note.map { .set($0) } ?? .keep)
        }
    }

    /// Removes a code from a statement (the coder's review stays: the code is now "not applied").
    public func removeCoding(study: Study, coder: String, statement: String, code: CodeReference) throws(StoreError)
        -> CodingChange
    {
        let coder = try self.coder(named: coder, study: study)
        let statement = try self.statement(reference: statement, study: study)
        let code = try proposition(code, study: study)
        return try connection.transaction(doing: "coding \(statement.reference)") { () throws(StoreError) in
            try record(study: study, coder: coder, statement: statement, code: code, stance: nil, note: .keep)
        }
    }

    /// Marks a statement reviewed by the coder (with whatever is applied, possibly nothing).
    public func markReviewed(study: Study, coder: String, statement: String) throws(StoreError) -> CodingChange {
        let coder = try self.coder(named: coder, study: study)
        let statement = try self.statement(reference: statement, study: study)
        return try connection.transaction(doing: "reviewing \(statement.reference)") { () throws(StoreError) in
            try review(study: study, coder: coder, statement: statement)
        }
    }

    // MARK: - Primitives (inside a transaction)

    /// What to do with a coding's note.
    enum NoteChange: Equatable {
        /// The note stays as it is (none for a new coding).
        case keep
        /// The note becomes this (nil: no note).
        case set(String?)
    }

    /// Records the review and the coder's decision on one code (nil: not applied), with an event when it changed.
    func record(
        study: Study, coder: StoredCoder, statement: StatementTarget, code: CodeTarget, stance: Stance?,
        note: NoteChange
    ) throws(StoreError) -> CodingChange {
        let firstReview =
            try connection.query(
                CodingQueries.touchReview, [study.id, statement.id, coder.id], doing: "recording the review"
            ).rows.first?.decode(0, as: Bool.self) ?? false
        let key = [study.id, statement.id, code.id, coder.id]
        let current = try connection.query(CodingQueries.currentCoding, key, doing: "reading the coding").rows.first
        let (old, oldNote) = try current?.decode((Stance?, String?).self) ?? (nil, nil)
        var change = CodingChange(
            kind: .unchanged, statement: statement.reference, code: code.key, old: old, new: stance)
        guard let stance else {
            guard let old else {
                // nothing to remove, but the coder has now been through the statement: the new review gets its
                // event like any other, or the audit trail would hold a review that no event accounts for
                if firstReview { try event(study, coder, statement, nil, "review", old: nil, new: nil, note: nil) }
                return change
            }
            try connection.query(CodingQueries.deleteCoding, key, doing: "removing the coding")
            try event(study, coder, statement, code.id, "remove", old: old, new: nil, note: nil)
            change.kind = .removed
            return change
        }
        let newNote: String?
        switch note {
        case .keep: newNote = oldNote
        case .set(let text): newNote = text.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard old != stance || newNote != oldNote else { return change }
        try connection.query(
            CodingQueries.upsertCoding, key + [String(stance.value), newNote], doing: "storing the coding")
        if old != stance {
            change.kind = old == nil ? .applied : .changed
            try event(
                study, coder, statement, code.id, old == nil ? "apply" : "change", old: old, new: stance,
                note: newNote != oldNote ? newNote : nil)
        } else {
            change.kind = .noted
            try event(study, coder, statement, code.id, "note", old: old, new: stance, note: newNote)
        }
        return change
    }

    /// Records a review (the statement was gone through) and its event.
    func review(study: Study, coder: StoredCoder, statement: StatementTarget) throws(StoreError) -> CodingChange {
        try connection.query(
            CodingQueries.touchReview, [study.id, statement.id, coder.id], doing: "recording the review")
        try event(study, coder, statement, nil, "review", old: nil, new: nil, note: nil)
        return CodingChange(kind: .reviewed, statement: statement.reference, code: nil, old: nil, new: nil)
    }

    /// Sets the note of an applied coding (nil removes it).
    func setNote(study: Study, coder: StoredCoder, statement: StatementTarget, code: CodeTarget, note: String?)
        throws(StoreError) -> CodingChange
    {
        let key = [study.id, statement.id, code.id, coder.id]
        guard
            let current = try connection.query(CodingQueries.currentCoding, key, doing: "reading the coding").rows
                .first,
            let stance = try current.decode(0, as: Stance?.self)
        else {
            throw StoreError(.usage, "\(code.key) is not applied to \(statement.reference): apply it before noting it")
        }
        return try record(
            study: study, coder: coder, statement: statement, code: code, stance: stance, note: .set(note))
    }

    func event(
        _ study: Study, _ coder: StoredCoder, _ statement: StatementTarget, _ code: String?, _ action: String,
        old: Stance?, new: Stance?, note: String?
    ) throws(StoreError) {
        let isCoding = code != nil && action != "review"
        try connection.query(
            CodingQueries.insertEvent,
            [
                study.id, coder.id, statement.id, code, action, isCoding ? String(old != nil) : nil,
                old.map { String($0.value) }, isCoding ? String(new != nil) : nil, new.map { String($0.value) }, note,
            ], doing: "recording the event")
    }
}

import ViewpointsCore

/// A coder as stored.
public struct StoredCoder: Sendable, Equatable {
    public var id: String
    public var name: String
}

/// A coder with the counts `coder list` shows.
public struct CoderOverview: Sendable, Equatable {
    public var name: String
    public var statementsReviewed: Int
    public var codings: Int
    public var createdAt: String
}

/// A statement resolved from its reference.
public struct StatementTarget: Sendable, Equatable {
    public var id: String
    public var reference: String
}

/// A proposition resolved from its key or short number.
public struct CodeTarget: Sendable, Equatable {
    public var id: String
    public var key: String
    public var number: Int
}

/// What one coding action did.
public struct CodingChange: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case applied, changed, removed, unchanged, noted, reviewed
    }

    public var kind: Kind
    public var statement: String
    public var code: String?
    public var old: Stance?
    public var new: Stance?

    public var description: String {
        let target = code.map { "\(statement) \($0)" } ?? statement
        switch kind {
        case .applied: return "applied \(target) \(signed(new))"
        case .changed: return "changed \(target) \(signed(old)) → \(signed(new))"
        case .removed: return "removed \(target) (was \(signed(old)))"
        case .unchanged: return "unchanged \(target)" + (new.map { " \(signed($0))" } ?? " (not applied)")
        case .noted: return "noted \(target)"
        case .reviewed: return "reviewed \(statement)"
        }
    }

    func signed(_ stance: Stance?) -> String {
        guard let stance else { return "absent" }
        return stance.value > 0 ? "+\(stance.value)" : String(stance.value)
    }
}

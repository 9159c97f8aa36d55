import CLibPQ
import Foundation
import ViewpointsCore

/// The group roles `viewpoints db roles` creates, owner first.
public let viewpointsGroupRoles = ["viewpoints_owner"] + StudyRole.allCases.map(\.groupRole)

extension Store {
    // MARK: - Setting up roles

    /// Creates the group roles that are missing (cluster-wide), hands this schema's objects to viewpoints_owner and
    /// grants the roles' privileges in this database. Safe to repeat; repeat it after every migration.
    /// Returns the roles it created.
    public func setUpRoles() throws(StoreError) -> [String] {
        studyRoles.removeAll()
        let row = try connection.query(
            RoleQueries.creator, ["{\(viewpointsGroupRoles.joined(separator: ","))}"],
            doing: "checking who may create roles"
        ).rows.first
        let (isSuperuser, createRole, current, absent) =
            try row?.decode((Bool, Bool, String, String?).self) ?? (false, false, "?", nil)
        let mayCreateRoles = isSuperuser || createRole
        let login = current
        let missing = absent.map { $0.split(separator: ",").map(String.init) } ?? []
        if !mayCreateRoles {
            throw StoreError(
                .permission,
                "login \(login) may not create roles: setting up \(viewpointsGroupRoles.joined(separator: ", ")) "
                    + "needs CREATEROLE or superuser",
                reason: .cannotCreateRoles(login: login))
        }
        try connection.transaction(doing: "setting up roles") { () throws(StoreError) in
            if !missing.isEmpty { try connection.execute(RoleQueries.createGroups, doing: "creating the group roles") }
            if !isSuperuser { try connection.execute(RoleQueries.joinOwner, doing: "joining viewpoints_owner") }
            do throws(StoreError) {
                try connection.execute(
                    RoleQueries.transferOwnership, doing: "handing the schema's objects to viewpoints_owner")
            } catch {
                guard error.kind == .permission else { throw error }
                throw StoreError(
                    .permission, error.message, sqlState: error.sqlState,
                    hint: "the login that ran the migrations, or a superuser, can", reason: .notSchemaOwner)
            }
            try connection.execute(RoleQueries.grants, doing: "granting the roles' privileges")
        }
        return missing
    }

    // MARK: - Logins

    /// Creates login role `login` with a new random password, which it returns (it is not stored anywhere).
    public func addLogin(_ login: String) throws(StoreError) -> String {
        guard Store.isValidLogin(login) else {
            throw StoreError(
                .usage, "login '\(login)' is not valid",
                hint:
                    "use lower-case letters, digits and _ (at most 63, starting with a letter), not pg_ or viewpoints_")
        }
        if try connection.query(RoleQueries.loginExists, [login], doing: "looking up login \(login)").scalar != nil {
            throw StoreError(
                .data, "a role named \(login) already exists in this cluster", hint: "choose another login")
        }
        let password = Store.newPassword()
        guard let hashed = PQencryptPasswordConn(connection.handle, password, login, "scram-sha-256") else {
            throw StoreError(.other, "could not hash the password: \(connection.lastError)")
        }
        defer { PQfreemem(hashed) }
        let statement = try connection.query(
            RoleQueries.createLogin, [login, String(cString: hashed)], doing: "preparing the login"
        ).one(String.self)
        try connection.execute(statement, doing: "creating login \(login)")
        return password
    }

    static func isValidLogin(_ login: String) -> Bool {
        let allowed = login.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
        return allowed && (1...63).contains(login.utf8.count) && (0x61...0x7A).contains(login.utf8.first!)
            && !login.hasPrefix("pg_") && !login.hasPrefix("viewpoints_")
    }

    /// 24 characters from 62, from the system's secure random source (about 143 bits).
    static func newPassword() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<24).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    // MARK: - Membership

    /// Makes `login` a `role` of `study` (a coder writes as `coder`, default the login, created if new) and a
    /// member of the role's group role.
    public func grant(study: Study, role: StudyRole, login: String, coder: String?) throws(StoreError) {
        studyRoles.removeAll()
        try requireLogin(login)
        let coderName = role == .coder ? (coder ?? login) : nil
        if let coderName, !Slug.isValidCoderName(coderName) {
            throw StoreError(
                .usage, "coder name '\(coderName)' is not valid", hint: "letters, digits, . _ -",
                reason: .invalidCoderName)
        }
        try connection.transaction(doing: "granting \(role.rawValue) of \(study.slug) to \(login)") {
            () throws(StoreError) in
            if let coderName {
                try connection.query(
                    RoleQueries.ensureCoder, [study.id, coderName], doing: "adding coder \(coderName)")
            }
            try connection.query(
                RoleQueries.addMember, [study.id, login, role.rawValue, coderName], doing: "recording the membership")
            let statement = try connection.query(
                RoleQueries.grantGroup, [role.groupRole, login], doing: "preparing the grant"
            ).one(String.self)
            try connection.execute(statement, doing: "granting \(role.groupRole) to \(login)")
        }
    }

    /// Removes `login`'s `role` in `study`; returns whether it had it. The login keeps the cluster-wide group role
    /// (another database may need it): without a membership row the policies show it none of the study's rows.
    public func revoke(study: Study, role: StudyRole, login: String) throws(StoreError) -> Bool {
        studyRoles.removeAll()
        return try connection.query(
            RoleQueries.removeMember, [study.id, login, role.rawValue], doing: "revoking \(role.rawValue) of \(login)"
        ).affected > 0
    }

    func requireLogin(_ login: String) throws(StoreError) {
        let canLogin = try connection.query(RoleQueries.loginExists, [login], doing: "looking up login \(login)")
            .rows.first?.decode(0, as: Bool.self)
        guard canLogin == true else {
            throw StoreError(
                .notFound, canLogin == nil ? "there is no login \(login)" : "\(login) is a role that cannot log in",
                reason: .noSuchLogin(login))
        }
    }

    // MARK: - What the connected login may do

    /// The connected login's memberships in this database.
    public func memberships() throws(StoreError) -> [Membership] {
        try connection.query(RoleQueries.memberships, doing: "reading your memberships")
            .decode((String, StudyRole, String?).self).map { Membership(study: $0.0, role: $0.1, coder: $0.2) }
    }

    /// The login's name and whether row-level security passes it by (superuser or viewpoints_owner).
    func sessionLogin() throws(StoreError) -> (login: String, bypasses: Bool) {
        let row = try connection.query(RoleQueries.bypasses, doing: "reading your role").rows.first
        let (bypasses, login) = try row?.decode((Bool, String).self) ?? (false, "?")
        return (login, bypasses)
    }

    /// The connected login's role in `study`: the one resolved with it, else looked up (and kept).
    public func role(in study: Study) throws(StoreError) -> StudyAccess {
        if let known = studyRoles[study.id] { return known }
        let role = try access(study: study.slug)
        studyRoles[study.id] = role
        return role
    }

    /// What the connected login may do in study `slug`: its widest role there.
    public func access(study slug: String) throws(StoreError) -> StudyAccess {
        if try sessionLogin().bypasses { return .owner }
        let mine = try memberships().filter { $0.study == slug }
        if mine.contains(where: { $0.role == .lead }) { return .lead }
        if let coder = mine.first(where: { $0.role == .coder }) { return .coder(coder.coder ?? "?") }
        if mine.contains(where: { $0.role == .analyst }) { return .analyst }
        return .none
    }

    /// A login the policies apply to sees only its studies: one it cannot see may exist, and is refused as such
    /// (without telling whether it exists).
    func refuseHiddenStudy(_ slug: String) throws(StoreError) {
        guard let session = try? sessionLogin(), !session.bypasses else { return }
        throw StoreError(
            .permission, "login \(session.login) has no role in a study '\(slug)' of this database",
            reason: .hiddenStudy(slug: slug, login: session.login))
    }

    /// For a refusal: who is connected and what it is in each study, e.g. "login ana: analyst of ipr-2018".
    public func accessSummary() -> String? {
        guard let session = try? sessionLogin() else { return nil }
        if session.bypasses { return "login \(session.login) is an owner" }
        let mine = (try? memberships()) ?? []
        let roles = mine.map { "\($0.role.rawValue)\($0.coder.map { " (as \($0))" } ?? "") of \($0.study)" }
        return "login \(session.login): "
            + (roles.isEmpty ? "no role in any study of this database" : roles.joined(separator: ", "))
    }
}

extension Store {
    /// Refuses (exit 77) a login that is neither owner nor lead of the study: `what` compares coders' decisions,
    /// which a coder must not see (blind coding) and of which row-level security would show a coder only its own,
    /// so the figures would mislead; an analyst sees no decisions at all.
    func requireLead(study: Study, for what: String) throws(StoreError) {
        let role = try role(in: study)
        switch role {
        case .owner, .lead: return
        case .coder, .analyst, .none:
            throw StoreError(
                .permission, "\(what) of \(study.slug) needs the lead role; this login is \(role.name) there",
                reason: .needsRole(study: study.slug, role: .lead))
        }
    }
}

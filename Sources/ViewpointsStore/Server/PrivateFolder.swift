import Foundation

/// Folders only their owner may enter: `VIEWPOINTS_HOME`, the key folder, the managed server's socket folder.
enum PrivateFolder {
    /// Creates `path` (mode 0700) and, when missing, its parent folders; the last `privateLevels` folders of the
    /// path that this call creates are made 0700 too (so a new `VIEWPOINTS_HOME/keys` gives a private home).
    static func create(_ path: String, privateLevels: Int = 1) throws(StoreError) {
        var missing: [String] = []
        var current = URL(fileURLWithPath: path).standardizedFileURL.path
        while !current.isEmpty && current != "/" && !FileManager.default.fileExists(atPath: current) {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        for (depth, folder) in missing.reversed().enumerated() {
            let isPrivate = depth >= missing.count - privateLevels
            let mode: mode_t = isPrivate ? 0o700 : 0o755
            if mkdir(folder, mode) != 0 && errno != EEXIST {
                throw StoreError(.cannotWrite, "cannot create \(folder): \(String(cString: strerror(errno)))")
            }
            if isPrivate { chmod(folder, 0o700) }
        }
    }

    /// Checks with `lstat` that `path` is a real folder (no symbolic link) owned by `owner` that no one else may
    /// enter or write; throws a permission error naming what is wrong otherwise.
    static func verify(_ path: String, owner: uid_t) throws(StoreError) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            throw StoreError(.cannotWrite, "cannot check \(path): \(String(cString: strerror(errno)))")
        }
        var problem: String?
        if (info.st_mode & S_IFMT) != S_IFDIR {
            problem = "is not a folder (a symbolic link or a file)"
        } else if info.st_uid != owner {
            problem = "belongs to user id \(info.st_uid), not \(owner)"
        } else if info.st_mode & 0o077 != 0 {
            problem = "may be used by other users (mode \(String(info.st_mode & 0o777, radix: 8)))"
        }
        if let problem {
            throw StoreError(
                .permission, "the managed server's folder \(path) \(problem): refusing to use it",
                hint: "remove it (or set VIEWPOINTS_HOME to a shorter path), then run the command again")
        }
    }
}

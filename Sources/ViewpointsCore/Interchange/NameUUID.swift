import COpenSSL
import Foundation

/// Name-based UUIDs (RFC 9562 version 5, SHA-1): the same namespace and name give the same UUID on every run, so a
/// re-exported codebook diffs cleanly.
public enum NameUUID {
    /// The namespace of every Viewpoints study's namespace (a fixed random UUID, chosen once).
    public static let viewpoints = UUID(uuidString: "6C1E7A52-3F0B-4D8E-9A41-2B7C5E90D613")!

    /// The namespace of one study's identifiers: version 5 of `viewpoints` and the study's slug.
    public static func study(_ slug: String) -> UUID { v5(namespace: viewpoints, name: "study:" + slug) }

    /// Version 5 UUID of `name` (UTF-8) in `namespace`.
    public static func v5(namespace: UUID, name: String) -> UUID {
        let space = namespace.uuid
        var input = [
            space.0, space.1, space.2, space.3, space.4, space.5, space.6, space.7, space.8, space.9, space.10,
            space.11, space.12, space.13, space.14, space.15,
        ]
        input += Array(name.utf8)
        var digest = [UInt8](repeating: 0, count: 20)
        input.withUnsafeBufferPointer { bytes in
            digest.withUnsafeMutableBufferPointer { out in _ = SHA1(bytes.baseAddress, bytes.count, out.baseAddress) }
        }
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        let d = digest
        return UUID(
            uuid: (d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15])
        )
    }

    /// The lower-case text form (`6c1e7a52-…`).
    public static func text(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

    /// A GUID as files in the wild write it (either case, with or without braces) in lower case without braces, or
    /// nil when it is not one.
    public static func normalized(_ guid: String) -> String? {
        var text = guid.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("{") && text.hasSuffix("}") { text = String(text.dropFirst().dropLast()) }
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12],
            groups.allSatisfy({ $0.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isASCIIHexDigit } })
        else { return nil }
        return text.lowercased()
    }
}

/// The redactor's keys (identifying values, name parts, terms) as a trie of tokens.
///
/// A token is a word's skeleton (`NameFold.fold`: case-folded, without diacritics or invisible characters), one
/// punctuation scalar, or `" "` standing for any run of white space; a Han, kana or Hangul scalar is a word of its
/// own. The first word of every key is also in an `ASCIIWordTable` when its skeleton is ASCII.
struct RedactionTrie: Sendable {
    /// What a key is replaced with; a lower rank wins when two keys are identical.
    struct Payload: Sendable {
        var kind: RedactionKind
        var replacement: String
        var bytes: [UInt8]
        var rank: Int
        /// A name part that is also an ordinary word or has two letters (`May`, `Will`, `Li`): it matches only
        /// when capitalised and not next to a number or followed by a hyphenated word (`May 2019`, `Li-ion`).
        var guarded = false
    }

    /// One trie node: the tokens that may follow and the payload of the key ending here (-1: none).
    struct Node: Sendable {
        var children: [String: Int32] = [:]
        var payload: Int32 = -1
    }

    static let spaceToken = " "
    static let emailPayload: Int32 = 0
    static let phonePayload: Int32 = 1
    static let fullValueRank = 0
    static let uniquePartRank = 1
    static let sharedPartRank = 2
    static let termRank = 3

    private(set) var nodes: [Node] = []
    private(set) var payloads: [Payload] = []
    private(set) var rootWords: [String: Int32] = [:]
    private(set) var rootPunctuation: [String: Int32] = [:]
    private(set) var punctuationStartsASCII = [Bool](repeating: false, count: 128)
    private(set) var hasNonASCIIPunctuationStart = false
    private(set) var table = ASCIIWordTable([])
    /// `payloads[k].guarded` and `.kind`, kept apart so the scanner reads them without copying a payload.
    private(set) var guardedPayloads: [Bool] = []
    private(set) var payloadKinds: [RedactionKind] = []
    private var payloadIndex: [String: Int32] = [:]

    init() {
        _ = payload(kind: .email, replacement: "[EMAIL]", rank: -2)
        _ = payload(kind: .phone, replacement: "[PHONE]", rank: -1)
    }

    /// Adds a key; an identical key keeps the lower rank, and two participants' full values collide to `[NAME]`.
    mutating func insert(tokens: [String], kind: RedactionKind, replacement: String, rank: Int, guarded: Bool = false) {
        guard let first = tokens.first else { return }
        let isWord = first.unicodeScalars.first.map { ScalarClass.isWord($0.value) } ?? false
        var node: Int32
        if let existing = isWord ? rootWords[first] : rootPunctuation[first] {
            node = existing
        } else {
            node = newNode()
            if isWord {
                rootWords[first] = node
            } else {
                rootPunctuation[first] = node
                if let scalar = first.unicodeScalars.first, scalar.isASCII {
                    punctuationStartsASCII[Int(scalar.value)] = true
                } else {
                    hasNonASCIIPunctuationStart = true
                }
            }
        }
        for token in tokens.dropFirst() {
            if let child = nodes[Int(node)].children[token] {
                node = child
            } else {
                let child = newNode()
                nodes[Int(node)].children[token] = child
                node = child
            }
        }
        var chosen = payload(kind: kind, replacement: replacement, rank: rank, guarded: guarded)
        let current = nodes[Int(node)].payload
        if current >= 0 {
            let old = payloads[Int(current)]
            if old.rank < rank {
                chosen = current
            } else if old.rank == rank && (old.replacement != replacement || old.guarded != guarded) {
                chosen = payload(
                    kind: old.replacement == replacement ? kind : .sharedName,
                    replacement: old.replacement == replacement ? replacement : "[NAME]", rank: rank,
                    guarded: old.guarded && guarded)
            }
        }
        nodes[Int(node)].payload = chosen
    }

    /// Builds the ASCII lookup table; call once after all inserts.
    mutating func finish() {
        var entries: [(key: [UInt8], node: Int32)] = []
        for (word, node) in rootWords where word.utf8.allSatisfy({ $0 < 0x80 }) {
            entries.append((Array(word.utf8), node))
        }
        table = ASCIIWordTable(entries)
        guardedPayloads = payloads.map(\.guarded)
        payloadKinds = payloads.map(\.kind)
    }

    /// The tokens of a key: word skeletons, punctuation scalars and single `" "` for white space runs.
    static func tokenize(_ key: String) -> [String] {
        var tokens: [String] = []
        var word = String.UnicodeScalarView()
        var pendingSpace = false
        func flushWord() {
            guard !word.isEmpty else { return }
            tokens.append(NameFold.fold(String(word)))
            word = String.UnicodeScalarView()
        }
        for scalar in key.unicodeScalars {
            let v = scalar.value
            if ScalarClass.isWhitespace(v) {
                flushWord()
                pendingSpace = !tokens.isEmpty
                continue
            }
            if ScalarClass.isIgnorable(v) { continue }
            if pendingSpace {
                tokens.append(spaceToken)
                pendingSpace = false
            }
            if ScalarClass.isSingleScalarWord(v) {
                flushWord()
                tokens.append(NameFold.fold(String(scalar)))
            } else if ScalarClass.isWord(v) {
                word.append(scalar)
            } else {
                flushWord()
                tokens.append(ScalarClass.punctuationKey(v))
            }
        }
        flushWord()
        return tokens
    }

    private mutating func newNode() -> Int32 {
        nodes.append(Node())
        return Int32(nodes.count - 1)
    }

    private mutating func payload(kind: RedactionKind, replacement: String, rank: Int, guarded: Bool = false) -> Int32 {
        let key = "\(rank)|\(kind.rawValue)|\(replacement)|\(guarded)"
        if let index = payloadIndex[key] { return index }
        payloads.append(
            Payload(
                kind: kind, replacement: replacement, bytes: Array(replacement.utf8), rank: rank, guarded: guarded))
        let index = Int32(payloads.count - 1)
        payloadIndex[key] = index
        return index
    }
}

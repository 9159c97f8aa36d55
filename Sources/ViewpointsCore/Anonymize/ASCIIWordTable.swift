/// An open-addressing hash table from lowercased ASCII words to trie nodes, probed with a hash computed while
/// the scanner reads a word, so a word that is no key costs one probe and no allocation.
struct ASCIIWordTable: Sendable {
    static let seed: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    private var hashes: [UInt64]
    private var nodes: [Int32]
    private var keyStarts: [Int32]
    private var keyLengths: [Int32]
    private var keyBytes: [UInt8]
    private var mask: Int

    /// Builds the table from lowercased ASCII keys.
    init(_ entries: [(key: [UInt8], node: Int32)]) {
        var capacity = 16
        while capacity < entries.count * 4 { capacity *= 2 }
        hashes = Array(repeating: 0, count: capacity)
        nodes = Array(repeating: -1, count: capacity)
        keyStarts = Array(repeating: 0, count: capacity)
        keyLengths = Array(repeating: 0, count: capacity)
        keyBytes = []
        mask = capacity - 1
        for entry in entries {
            var hash = Self.seed
            for byte in entry.key { hash = Self.mix(hash, byte) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while nodes[slot] >= 0 { slot = (slot + 1) & mask }
            hashes[slot] = hash
            nodes[slot] = entry.node
            keyStarts[slot] = Int32(keyBytes.count)
            keyLengths[slot] = Int32(entry.key.count)
            keyBytes.append(contentsOf: entry.key)
        }
    }

    /// One FNV-1a step.
    @inline(__always)
    static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* prime
    }

    /// The node of the word `p[start..<end]` (ASCII letters and digits, any case) whose hash is `hash`, or -1.
    @inline(__always)
    func lookup(_ hash: UInt64, _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let node = nodes[slot]
            if node < 0 { return -1 }
            if hashes[slot] == hash && Int(keyLengths[slot]) == end - start && matches(slot, p, start) {
                return node
            }
            slot = (slot + 1) & mask
        }
    }

    private func matches(_ slot: Int, _ p: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        let offset = Int(keyStarts[slot])
        for k in 0..<Int(keyLengths[slot]) where keyBytes[offset + k] != (p[start + k] | 0x20) {
            return false
        }
        return true
    }
}

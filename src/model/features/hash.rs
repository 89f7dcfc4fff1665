//! The hashes of features: FNV-1a by namespace, pairs mixed, a final avalanche. Part of
//! the feature definition: changing any of it changes what a trained model's buckets mean.

/// Feature namespaces: the same string in two namespaces hashes to different buckets.
#[derive(Clone, Copy)]
#[repr(u8)]
pub(super) enum Space {
    Han = 1,
    Word = 2,
    WordPair = 3,
    WordChars = 4,
    Shape = 5,
    Domain = 6,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
pub(super) fn hash_bytes(space: Space, bytes: &[u8]) -> u64 {
    let h = (FNV_OFFSET ^ (space as u64)).wrapping_mul(FNV_PRIME);
    fnv_continue(h, bytes)
}

#[inline]
pub(super) fn fnv_continue(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

#[inline]
pub(super) fn hash_str(space: Space, s: &str) -> u64 {
    hash_bytes(space, s.as_bytes())
}

#[inline]
pub(super) fn mix(a: u64, b: u64, space: Space) -> u64 {
    (a.rotate_left(17) ^ b ^ (space as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_mul(FNV_PRIME)
}

/// A final avalanche (splitmix64) so that the top bits are well mixed.
#[inline]
pub(super) fn finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

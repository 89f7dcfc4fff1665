//! Links in a normalized text: `http(s)://…`, `www.…` and bare `name.tld/…` with a known
//! top-level domain, each run of link characters read once.

/// The last run of link characters read from a bare start (no `http://` or `www.`), with
/// where its slashes and dots are: a later bare start inside it ends where the run ends,
/// and its host and top-level domain are read off these positions instead of the text, so
/// that a run that is no link (`a/a/a/…`, `a-a-a-…-a.b`) is read once, not once per word.
#[derive(Debug, Default)]
pub(crate) struct LinkRun {
    start: usize,
    end: usize,
    slashes: Vec<usize>,
    dots: Vec<usize>,
}

impl LinkRun {
    /// Forgets the last run (a new text begins).
    pub(super) fn reset(&mut self) {
        self.start = 0;
        self.end = 0;
    }

    /// The larger capacity of its two position buffers.
    pub(super) fn capacity(&self) -> usize {
        self.slashes.capacity().max(self.dots.capacity())
    }

    /// The decision [`url_end`] would reach for a bare start strictly inside the run, read
    /// off the run: the same end, a dot at or after the start, and the host's top-level
    /// domain (its last label; the whole host when it has no dot) a known one.
    fn bare_link_at(&self, text: &str, start: usize) -> Option<usize> {
        let first_dot = self.dots.partition_point(|&d| d < start);
        if first_dot == self.dots.len() {
            return None;
        }
        let host_end = self
            .slashes
            .get(self.slashes.partition_point(|&p| p < start))
            .copied()
            .unwrap_or(self.end);
        let dots_in_host = self.dots.partition_point(|&d| d < host_end);
        let tld = if dots_in_host > first_dot {
            &text[self.dots[dots_in_host - 1] + 1..host_end]
        } else {
            &text[start..host_end]
        };
        known_tld(tld).then_some(self.end)
    }
}

/// The end of a link starting at `start`, if one starts there: `http(s)://…`, `www.…`, or
/// a bare `name.tld/…` with a known top-level domain. `run` remembers the last bare run
/// read (see [`LinkRun`]); `steps` counts the bytes read.
#[inline]
pub(super) fn url_end(
    text: &str,
    start: usize,
    steps: &mut u64,
    run: &mut LinkRun,
) -> Option<usize> {
    let bytes = text.as_bytes();
    if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'.') {
        return None;
    }
    let rest = &text[start..];
    let explicit =
        rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.");
    if !explicit && run.start < start && start < run.end {
        *steps += 1;
        return run.bare_link_at(text, start);
    }
    if !explicit {
        run.slashes.clear();
        run.dots.clear();
    }
    let mut end = start;
    let mut dots = 0;
    while end < bytes.len() {
        *steps += 1;
        let b = bytes[end];
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'_' | b'/' | b'?' | b'=' | b'&' | b'%' | b'#' | b'~' | b'+'
            )
            || (b == b':' && explicit && end - start <= 5)
        {
            if b == b'/' && !explicit {
                run.slashes.push(end);
            }
            end += 1;
        } else if b == b'.'
            && bytes
                .get(end + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric())
        {
            if !explicit {
                run.dots.push(end);
            }
            dots += 1;
            end += 1;
        } else {
            break;
        }
    }
    if explicit {
        return (end > start + 7).then_some(end);
    }
    run.start = start;
    run.end = end;
    if dots == 0 {
        return None;
    }
    let candidate = &text[start..end];
    let host = candidate.split('/').next().unwrap_or(candidate);
    let tld = host.rsplit('.').next().unwrap_or("");
    known_tld(tld).then_some(end)
}

/// The top-level domains a bare link may end its host with.
pub(super) fn known_tld(tld: &str) -> bool {
    matches!(
        tld,
        "com"
            | "cn"
            | "net"
            | "org"
            | "top"
            | "xyz"
            | "cc"
            | "vip"
            | "ly"
            | "me"
            | "co"
            | "io"
            | "info"
            | "site"
            | "online"
            | "club"
            | "shop"
            | "hk"
            | "tw"
            | "uk"
            | "au"
            | "in"
            | "ng"
            | "ke"
            | "ph"
            | "sg"
            | "gov"
            | "us"
            | "app"
            | "link"
            | "icu"
            | "live"
            | "pro"
            | "biz"
            | "asia"
            | "tk"
            | "ml"
            | "ga"
            | "cf"
            | "work"
            | "loan"
            | "win"
            | "bid"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_start_inside_a_remembered_run_is_decided_as_a_fresh_read_would() {
        // Links: a start inside a run read before is decided off the remembered run, as a
        // fresh read would decide it (every start in order, random texts of link
        // characters, known and unknown domains).
        let mut next = crate::test_numbers(0x5DEE_CE66_D1CE_4E5B);
        let pieces = [
            "a", "b", "com", "cn", "xyz1", "/", ".", "-", "?", "=", " ", "www.", "http://", ":",
        ];
        for _ in 0..500 {
            let text: String = (0..(next() % 24))
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            let mut run = LinkRun::default();
            for start in 0..text.len() {
                let remembered = url_end(&text, start, &mut 0, &mut run);
                let fresh = url_end(&text, start, &mut 0, &mut LinkRun::default());
                assert_eq!(remembered, fresh, "{text:?} at {start}");
            }
        }
    }
}

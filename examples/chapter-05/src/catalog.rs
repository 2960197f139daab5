//! The random catalog of Listings 5.5 and 5.6: brand names, products and SKUs drawn from a
//! list of 1,000 common words.
//!
//! The book reads `common_words.txt` and draws with Python's `random`, so every reader gets a
//! different catalog. Here every draw comes from one seeded generator, so the catalog (and the
//! rows that Listings 5.7 to 5.17 print) is the same on every machine for the same seed. The
//! word list is the project's own: the 1,000 words its documentation uses most, most frequent
//! first.

use rand::RngExt;
use rand::rngs::StdRng;
use rand::seq::{SliceRandom, index};

/// The seed that Listings 5.5 and 5.6 use unless told `--seed`, and that the throwaway server's
/// catalog is drawn with: the transcripts of the later listings are printed from it.
pub const BOOK_SEED: u64 = 5;

const COMMON_WORDS: &str = include_str!("../common_words.txt");

/// The 1,000 words, one per line of `common_words.txt`. The book's `readlines()` keeps each
/// line's `'\n'`, which ends up inside every brand and product name; these have none.
pub fn common_words() -> Vec<&'static str> {
    COMMON_WORDS.lines().collect()
}

/// Listing 5.5's brands: the first 100 words in a random order.
pub fn brand_names(words: &[&'static str], random: &mut StdRng) -> Vec<&'static str> {
    let mut brands = words[..100].to_vec();
    brands.shuffle(random);
    brands
}

/// Listing 5.6's products: each named by 10 different words, of a brand between
/// `brand_ids.start()` and `brand_ids.end()`.
pub fn products(
    words: &[&str],
    brand_ids: std::ops::RangeInclusive<i32>,
    count: usize,
    random: &mut StdRng,
) -> Vec<(String, i32)> {
    (0..count)
        .map(|_| {
            let description: Vec<&str> = index::sample(random, words.len(), 10)
                .into_iter()
                .map(|i| words[i])
                .collect();
            let brand_id = random.random_range(brand_ids.clone());
            (description.join(" "), brand_id)
        })
        .collect()
}

/// A product's SKU: `(product_id, product_size_id, product_color_id)`.
pub type Sku = (i32, i32, i32);

/// Listing 5.6's SKUs: a random product in `product_ids`, one of the 3 sizes and the 2 colors.
pub fn skus(
    product_ids: std::ops::RangeInclusive<i32>,
    count: usize,
    random: &mut StdRng,
) -> Vec<Sku> {
    (0..count)
        .map(|_| {
            let product_id = random.random_range(product_ids.clone());
            let size_id = random.random_range(1..=3);
            let color_id = random.random_range(1..=2);
            (product_id, size_id, color_id)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn the_word_list_has_a_thousand_different_words() {
        let words = common_words();
        assert_eq!(words.len(), 1000);
        let distinct: std::collections::HashSet<_> = words.iter().collect();
        assert_eq!(distinct.len(), 1000);
        // Listings 5.9 to 5.12 look for `brand%` and `big_%`: no word may answer them.
        assert!(
            words
                .iter()
                .all(|w| !w.starts_with("brand") && !w.starts_with("big_"))
        );
    }

    #[test]
    fn one_seed_draws_one_catalog() {
        let words = common_words();
        let draw = |seed| {
            let mut random = StdRng::seed_from_u64(seed);
            let brands = brand_names(&words, &mut random);
            let products = products(&words, 1..=100, 3, &mut random);
            (brands, products, skus(1..=1000, 3, &mut random))
        };
        assert_eq!(draw(BOOK_SEED), draw(BOOK_SEED));
        assert_ne!(draw(BOOK_SEED), draw(BOOK_SEED + 1));
        let (brands, products, skus) = draw(BOOK_SEED);
        let mut sorted = brands.clone();
        sorted.sort_unstable();
        let mut first_hundred = words[..100].to_vec();
        first_hundred.sort_unstable();
        assert_eq!(sorted, first_hundred);
        for (name, brand) in products {
            assert_eq!(name.split(' ').count(), 10);
            assert!((1..=100).contains(&brand));
        }
        for (product, size, color) in skus {
            assert!((1..=1000).contains(&product) && (1..=3).contains(&size));
            assert!((1..=2).contains(&color));
        }
    }
}

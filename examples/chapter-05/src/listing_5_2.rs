//! Listing 5.2: the product database's schema, as SQL text.
//!
//! The book keeps these statements as constants of a module that Listing 5.3 imports and runs;
//! here they are the constants of this module of the chapter's library, which 5.3 imports as
//! `chapter_05::listing_5_2`. Brands have products, and each product is sold
//! as SKUs, one per size and color. The two `INSERT` constants hold several statements each,
//! which is why Listing 5.3 sends them with the simple query protocol.

/// Brands.
pub const CREATE_BRAND_TABLE: &str = "
    CREATE TABLE IF NOT EXISTS brand(
        brand_id SERIAL PRIMARY KEY,
        brand_name TEXT NOT NULL
    );";

/// Products, each of one brand.
pub const CREATE_PRODUCT_TABLE: &str = "
    CREATE TABLE IF NOT EXISTS product(
        product_id SERIAL PRIMARY KEY,
        product_name TEXT NOT NULL,
        brand_id INT NOT NULL,
        FOREIGN KEY (brand_id) REFERENCES brand(brand_id)
    );";

/// The colors a SKU comes in.
pub const CREATE_PRODUCT_COLOR_TABLE: &str = "
    CREATE TABLE IF NOT EXISTS product_color(
        product_color_id SERIAL PRIMARY KEY,
        product_color_name TEXT NOT NULL
    );";

/// The sizes a SKU comes in.
pub const CREATE_PRODUCT_SIZE_TABLE: &str = "
    CREATE TABLE IF NOT EXISTS product_size(
        product_size_id SERIAL PRIMARY KEY,
        product_size_name TEXT NOT NULL
    );";

/// Stock keeping units: a product in one size and one color.
pub const CREATE_SKU_TABLE: &str = "
    CREATE TABLE IF NOT EXISTS sku(
        sku_id SERIAL PRIMARY KEY,
        product_id INT NOT NULL,
        product_size_id INT NOT NULL,
        product_color_id INT NOT NULL,
        FOREIGN KEY (product_id) REFERENCES product(product_id),
        FOREIGN KEY (product_size_id) REFERENCES product_size(product_size_id),
        FOREIGN KEY (product_color_id) REFERENCES product_color(product_color_id)
    );";

/// The two colors.
pub const COLOR_INSERT: &str = "
    INSERT INTO product_color VALUES(1, 'Blue');
    INSERT INTO product_color VALUES(2, 'Black');
    ";

/// The three sizes.
pub const SIZE_INSERT: &str = "
    INSERT INTO product_size VALUES(1, 'Small');
    INSERT INTO product_size VALUES(2, 'Medium');
    INSERT INTO product_size VALUES(3, 'Large');
    ";

/// Every statement above, in the order Listing 5.3 runs them (the tables before the rows that
/// refer to them).
pub const STATEMENTS: [&str; 7] = [
    CREATE_BRAND_TABLE,
    CREATE_PRODUCT_TABLE,
    CREATE_PRODUCT_COLOR_TABLE,
    CREATE_PRODUCT_SIZE_TABLE,
    CREATE_SKU_TABLE,
    SIZE_INSERT,
    COLOR_INSERT,
];

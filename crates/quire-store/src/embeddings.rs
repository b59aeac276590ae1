//! Sentence embeddings of passages, kept so that an encoder (slow: about
//! ten passages a second) reads each passage text once per model. Keyed by
//! the encoder's id and a hash of the passage text, which the caller
//! computes; vectors are stored as little-endian `f32`s.

use std::collections::HashMap;

use crate::{Store, StoreError};
use rusqlite::params;

impl Store {
    /// The stored vectors of `model` for those of `text_hashes` it has.
    pub fn embeddings(
        &self,
        model: &str,
        text_hashes: &[&str],
    ) -> Result<HashMap<String, Vec<f32>>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT vector FROM embeddings WHERE model = ?1 AND text_hash = ?2")?;
        let mut out = HashMap::new();
        for &hash in text_hashes {
            let mut rows = stmt.query(params![model, hash])?;
            if let Some(row) = rows.next()? {
                let bytes: Vec<u8> = row.get(0)?;
                out.insert(hash.to_string(), from_bytes(&bytes));
            }
        }
        Ok(out)
    }

    /// Store vectors of `model`, in one transaction; a vector already
    /// there for the same text is replaced.
    pub fn put_embeddings(
        &mut self,
        model: &str,
        vectors: &[(String, Vec<f32>)],
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO embeddings (model, text_hash, vector) VALUES (?1, ?2, ?3)",
            )?;
            for (hash, v) in vectors {
                stmt.execute(params![model, hash, to_bytes(v)])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

fn to_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn from_bytes(b: &[u8]) -> Vec<f32> {
    b.chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_come_back_by_model_and_text() {
        let mut store = Store::in_memory().unwrap();
        store
            .put_embeddings(
                "m1",
                &[("a".into(), vec![0.5, -1.25]), ("b".into(), vec![1.0, 0.0])],
            )
            .unwrap();
        store
            .put_embeddings("m2", &[("a".into(), vec![9.0])])
            .unwrap();
        let got = store.embeddings("m1", &["a", "c"]).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got["a"], vec![0.5, -1.25]);
        assert_eq!(store.embeddings("m2", &["a"]).unwrap()["a"], vec![9.0]);
        store
            .put_embeddings("m1", &[("a".into(), vec![2.0, 2.0])])
            .unwrap();
        assert_eq!(store.embeddings("m1", &["a"]).unwrap()["a"], vec![2.0, 2.0]);
    }
}

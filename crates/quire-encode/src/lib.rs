//! Sentence embeddings of passages with a pretrained encoder.
//!
//! A sentence-transformers model of the BERT family (all-MiniLM-L6-v2 and
//! its kin) maps a passage to one vector, so that passages saying the same
//! thing in other words lie close together. quire's coder reads these
//! vectors in trained mode beside the codebook score (see
//! `quire_code::semantic`); this crate only computes them. The model is a
//! folder as sentence-transformers saves it — `config.json`,
//! `model.safetensors`, `tokenizer.json`, and optionally
//! `sentence_bert_config.json` (the token limit) and `1_Pooling/config.json`
//! (mean or [CLS] pooling) — run on the CPU by `candle`. Nothing is
//! downloaded: the user brings the folder.
//!
//! An encoder is slow next to the codebook (a 6-layer model reads about
//! ten 200-token passages a second on one core), so callers cache the
//! vectors by [`SentenceEncoder::id`] and passage text.

use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use serde::Deserialize;
use tokenizers::{Tokenizer, TruncationParams};

pub mod fixture;

/// What can go wrong loading a model or encoding with it.
#[derive(Debug, thiserror::Error)]
pub enum EncodeError {
    #[error("{path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
    #[error("the encoder failed on a passage: {0}")]
    Run(String),
}

/// Tokens read at most when the model folder does not say.
const DEFAULT_MAX_TOKENS: usize = 256;

/// A loaded sentence encoder.
pub struct SentenceEncoder {
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    pooling: Pooling,
    dimension: usize,
    id: String,
}

/// How token vectors become one passage vector.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pooling {
    Mean,
    Cls,
}

#[derive(Deserialize)]
struct SentenceBertConfig {
    max_seq_length: Option<usize>,
}

#[derive(Deserialize)]
struct PoolingConfig {
    #[serde(default)]
    pooling_mode_cls_token: bool,
}

impl SentenceEncoder {
    /// Load the model saved in `dir`.
    pub fn load(dir: &Path) -> Result<SentenceEncoder, EncodeError> {
        let config_path = dir.join("config.json");
        let config_text = read_text(&config_path)?;
        let config: Config =
            serde_json::from_str(&config_text).map_err(|e| EncodeError::Format {
                path: config_path.clone(),
                message: format!("not a BERT-family model configuration: {e}"),
            })?;
        let dimension = hidden_size(&config_text, &config_path)?;
        let device = Device::Cpu;
        let weights_path = dir.join("model.safetensors");
        if !weights_path.exists() {
            return Err(EncodeError::Format {
                path: weights_path,
                message: "missing: the model's weights must be in safetensors format".into(),
            });
        }
        let tensors = candle_core::safetensors::load(&weights_path, &device)
            .map_err(|e| format_error(&weights_path, e))?;
        let vb = VarBuilder::from_tensors(tensors, DType::F32, &device);
        let model = BertModel::load(vb, &config).map_err(|e| format_error(&weights_path, e))?;
        let max_tokens = max_tokens(dir, &config_text)?;
        let tokenizer = load_tokenizer(&dir.join("tokenizer.json"), max_tokens)?;
        let pooling = pooling(dir)?;
        let weights_len = std::fs::metadata(&weights_path)
            .map(|m| m.len())
            .unwrap_or(0);
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = format!(
            "{name}/{weights_len}/{:016x}/{max_tokens}/{pooling:?}",
            fnv1a(config_text.as_bytes())
        );
        Ok(SentenceEncoder {
            model,
            tokenizer,
            device,
            pooling,
            dimension,
            id,
        })
    }

    /// Names this model and its settings, for caching its vectors: the
    /// folder's name, the weights' size, a hash of its configuration, the
    /// token limit and the pooling.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Length of the vectors.
    pub fn dimension(&self) -> usize {
        self.dimension
    }

    /// The passage's vector, of unit length. Text past the model's token
    /// limit is not read.
    pub fn encode(&self, text: &str) -> Result<Vec<f32>, EncodeError> {
        let run = |e: &dyn std::fmt::Display| EncodeError::Run(e.to_string());
        let encoding = self.tokenizer.encode(text, true).map_err(|e| run(&e))?;
        let ids = Tensor::new(encoding.get_ids(), &self.device)
            .and_then(|t| t.unsqueeze(0))
            .map_err(|e| run(&e))?;
        let types = ids.zeros_like().map_err(|e| run(&e))?;
        let hidden = self
            .model
            .forward(&ids, &types, None)
            .map_err(|e| run(&e))?;
        let pooled = match self.pooling {
            Pooling::Mean => hidden.mean(1),
            Pooling::Cls => hidden.narrow(1, 0, 1).and_then(|t| t.squeeze(1)),
        }
        .and_then(|t| t.squeeze(0))
        .and_then(|t| t.to_vec1::<f32>())
        .map_err(|e| run(&e))?;
        Ok(unit_length(pooled))
    }
}

fn unit_length(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    v
}

fn read_text(path: &Path) -> Result<String, EncodeError> {
    std::fs::read_to_string(path).map_err(|source| EncodeError::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn format_error(path: &Path, e: impl std::fmt::Display) -> EncodeError {
    EncodeError::Format {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// `hidden_size` of the configuration: the vectors' length.
fn hidden_size(config_text: &str, path: &Path) -> Result<usize, EncodeError> {
    #[derive(Deserialize)]
    struct Hidden {
        hidden_size: usize,
    }
    serde_json::from_str::<Hidden>(config_text)
        .map(|h| h.hidden_size)
        .map_err(|e| format_error(path, e))
}

/// The token limit: `sentence_bert_config.json`'s `max_seq_length`, else
/// 256, and never past the model's positions.
fn max_tokens(dir: &Path, config_text: &str) -> Result<usize, EncodeError> {
    #[derive(Deserialize)]
    struct Positions {
        max_position_embeddings: Option<usize>,
    }
    let positions = serde_json::from_str::<Positions>(config_text)
        .ok()
        .and_then(|p| p.max_position_embeddings)
        .unwrap_or(512);
    let path = dir.join("sentence_bert_config.json");
    let wanted = if path.exists() {
        let c: SentenceBertConfig =
            serde_json::from_str(&read_text(&path)?).map_err(|e| format_error(&path, e))?;
        c.max_seq_length.unwrap_or(DEFAULT_MAX_TOKENS)
    } else {
        DEFAULT_MAX_TOKENS
    };
    Ok(wanted.min(positions).max(2))
}

fn pooling(dir: &Path) -> Result<Pooling, EncodeError> {
    let path = dir.join("1_Pooling").join("config.json");
    if !path.exists() {
        return Ok(Pooling::Mean);
    }
    let c: PoolingConfig =
        serde_json::from_str(&read_text(&path)?).map_err(|e| format_error(&path, e))?;
    Ok(if c.pooling_mode_cls_token {
        Pooling::Cls
    } else {
        Pooling::Mean
    })
}

/// The tokenizer, one passage at a time: no padding (a saved tokenizer
/// may pad to a fixed length, which would pool the pads too), cut at the
/// token limit.
fn load_tokenizer(path: &Path, max_tokens: usize) -> Result<Tokenizer, EncodeError> {
    let mut tokenizer = Tokenizer::from_file(path).map_err(|e| format_error(path, e))?;
    tokenizer.with_padding(None);
    tokenizer
        .with_truncation(Some(TruncationParams {
            max_length: max_tokens,
            ..Default::default()
        }))
        .map_err(|e| format_error(path, e))?;
    Ok(tokenizer)
}

/// FNV-1a, 64 bits: a stable fingerprint of the configuration for
/// [`SentenceEncoder::id`] (std's hasher may change between releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests;

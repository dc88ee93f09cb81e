package dev.carbonshift.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.train.ModelRegistry;
import dev.carbonshift.train.ModelVersion;
import dev.carbonshift.train.TestWindow;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The model registry in the knowledge store: one row per version, files on disk. */
public final class ModelVersionRepository implements ModelRegistry {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Map<String, Double>>> BASELINES =
      new TypeReference<>() {};
  private static final String ORDER = " ORDER BY name, version";

  private final Jdbc jdbc;

  public ModelVersionRepository(Database db) {
    this.jdbc = db.jdbc();
  }

  @Override
  public Optional<ModelVersion> latest(String name) {
    return jdbc.queryOne(
        "SELECT * FROM model_versions WHERE name = ? ORDER BY version DESC LIMIT 1",
        ModelVersionRepository::map,
        name);
  }

  @Override
  public Optional<ModelVersion> find(String name, int version) {
    return jdbc.queryOne(
        "SELECT * FROM model_versions WHERE name = ? AND version = ?",
        ModelVersionRepository::map,
        name,
        version);
  }

  /** The row id of a stored version, which runs refer to. */
  public Optional<Long> idOf(String name, int version) {
    return jdbc.queryOne(
        "SELECT id FROM model_versions WHERE name = ? AND version = ?",
        rs -> rs.getLong(1),
        name,
        version);
  }

  @Override
  public List<ModelVersion> list(String name) {
    return name == null
        ? jdbc.query("SELECT * FROM model_versions" + ORDER, ModelVersionRepository::map)
        : jdbc.query(
            "SELECT * FROM model_versions WHERE name = ?" + ORDER,
            ModelVersionRepository::map,
            name);
  }

  /**
   * Links version {@code id} to the run that produced it and takes its cost from the accounts of
   * every run of {@code jobId}: the slices and the interrupted runs that led to it count too.
   */
  public void linkRuns(long id, String jobId, long runId) {
    jdbc.update(
        "UPDATE model_versions SET run_id = ?, job_id = ?,"
            + " kwh = (SELECT COALESCE(SUM(it_kwh), 0) FROM runs WHERE job_id = ?),"
            + " kg_co2e = (SELECT COALESCE(SUM(kg_co2e), 0) FROM runs WHERE job_id = ?)"
            + " WHERE id = ?",
        runId,
        jobId,
        jobId,
        jobId,
        id);
  }

  @Override
  public void register(ModelVersion v) {
    register(v, null);
  }

  @Override
  public void register(ModelVersion v, String jobId) {
    TestWindow w = v.testWindow();
    jdbc.insert(
        "INSERT INTO model_versions (name, version, parent_name, parent_version, strategy, path,"
            + " dataset_fingerprint, row_from, row_to, metric_name, metrics, size_bytes, kwh,"
            + " kg_co2e, epochs, wall_seconds, created_at, test_from, test_to, test_samples,"
            + " baselines, weights_sha256, job_id)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        v.name(),
        v.version(),
        v.parentName(),
        v.parentVersion(),
        v.strategy(),
        v.directory().toString(),
        v.datasetFingerprint(),
        v.firstLine(),
        v.lastLine(),
        v.metric(),
        toJson(v.testMetrics()),
        v.sizeBytes(),
        v.kwh(),
        v.kgCo2e(),
        v.epochs(),
        v.wallSeconds(),
        v.createdAt(),
        w == null ? null : w.from(),
        w == null ? null : w.to(),
        w == null ? null : w.samples(),
        w == null ? null : encode(w.baselines()),
        v.weightsSha256(),
        jobId);
  }

  @Override
  public Optional<ModelVersion> producedBy(String jobId) {
    return jdbc.queryOne(
        "SELECT * FROM model_versions WHERE job_id = ? ORDER BY version DESC LIMIT 1",
        ModelVersionRepository::map,
        jobId);
  }

  private static ModelVersion map(ResultSet rs) throws SQLException {
    int parent = rs.getInt("parent_version");
    Integer parentVersion = rs.wasNull() ? null : parent;
    String parentName = rs.getString("parent_name");
    return new ModelVersion(
        rs.getString("name"),
        rs.getInt("version"),
        parentName == null && parentVersion != null ? rs.getString("name") : parentName,
        parentVersion,
        Strategy.valueOf(rs.getString("strategy")),
        Path.of(rs.getString("path")),
        rs.getString("dataset_fingerprint"),
        rs.getLong("row_from"),
        rs.getLong("row_to"),
        rs.getString("metric_name"),
        fromJson(rs.getString("metrics")),
        rs.getLong("size_bytes"),
        rs.getDouble("kwh"),
        rs.getDouble("kg_co2e"),
        rs.getInt("epochs"),
        rs.getDouble("wall_seconds"),
        Jdbc.instant(rs, "created_at"),
        window(rs),
        rs.getString("weights_sha256"));
  }

  private static TestWindow window(ResultSet rs) throws SQLException {
    String from = rs.getString("test_from");
    if (from == null) {
      return null;
    }
    String text = rs.getString("baselines");
    Map<String, Map<String, Double>> baselines;
    try {
      baselines = text == null ? Map.of() : JSON.readValue(text, BASELINES);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored baselines are not JSON: " + text, e);
    }
    return new TestWindow(from, rs.getString("test_to"), rs.getInt("test_samples"), baselines);
  }

  private static String encode(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot encode " + value, e);
    }
  }

  private static String toJson(Map<String, Double> metrics) {
    try {
      return JSON.writeValueAsString(metrics);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot encode metrics " + metrics, e);
    }
  }

  private static Map<String, Double> fromJson(String text) {
    if (text == null || text.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(text, METRICS);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored metrics are not JSON: " + text, e);
    }
  }
}

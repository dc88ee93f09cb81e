package dev.carbonshift.energy.nvml;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The GPUs a job owns, from {@code CUDA_VISIBLE_DEVICES} the way CUDA reads it: a comma-separated
 * list of indices, {@code GPU-} UUIDs (or unique prefixes of them) and {@code MIG-} UUIDs; the
 * first entry that names no device ends the list; empty means none. Unset means every GPU.
 */
final class VisibleDevices {

  /** An owned GPU: its NVML index ({@code -1} for a MIG instance) and handle. */
  record Owned(int index, String uuid, Pointer handle) {
    String label() {
      return index >= 0 ? "GPU " + index : uuid;
    }

    String key() {
      return index >= 0 ? "gpu" + index : "gpu:" + uuid;
    }
  }

  private VisibleDevices() {}

  static List<Owned> resolve(Nvml nvml, String visible, String deviceOrder, List<String> notes) {
    int count = nvml.deviceCount();
    Map<Integer, Pointer> handles = new LinkedHashMap<>();
    Map<Integer, String> uuids = new LinkedHashMap<>();
    Map<Integer, String> names = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      try {
        Pointer h = nvml.handleByIndex(i);
        handles.put(i, h);
        uuids.put(i, nvml.uuid(h));
        names.put(i, nvml.name(h));
      } catch (NvmlException e) {
        notes.add("GPU " + i + " cannot be opened: " + e.getMessage());
      }
    }
    List<Owned> owned = new ArrayList<>();
    if (visible == null) {
      handles.forEach((i, h) -> owned.add(new Owned(i, uuids.get(i), h)));
      if (count > 1) {
        notes.add(
            "CUDA_VISIBLE_DEVICES is not set: measuring all "
                + count
                + " GPUs (on a shared node, set it to the job's own)");
      }
      return owned;
    }
    boolean byIndex = false;
    for (String raw : visible.split(",", -1)) {
      String token = raw.trim();
      Owned o = null;
      if (token.matches("\\d+")) {
        int i = Integer.parseInt(token);
        byIndex = true;
        o = handles.containsKey(i) ? new Owned(i, uuids.get(i), handles.get(i)) : null;
      } else if (token.startsWith("GPU-")) {
        o = byUuidPrefix(token, handles, uuids, notes);
      } else if (token.startsWith("MIG-")) {
        try {
          o = new Owned(-1, token, nvml.handleByUuid(token));
        } catch (NvmlException e) {
          notes.add("MIG device " + token + ": " + e.getMessage());
        }
      }
      if (o == null) {
        if (!visible.isBlank()) {
          notes.add(
              "CUDA_VISIBLE_DEVICES entry \""
                  + token
                  + "\" names no GPU here; like CUDA, it and the entries after it are ignored");
        }
        break;
      }
      Owned found = o;
      if (owned.stream().anyMatch(x -> x.handle().equals(found.handle()))) {
        notes.add("CUDA_VISIBLE_DEVICES lists " + token + " twice; counted once");
      } else {
        owned.add(o);
      }
    }
    if (byIndex && !"PCI_BUS_ID".equals(deviceOrder) && Set.copyOf(names.values()).size() > 1) {
      notes.add(
          "CUDA_VISIBLE_DEVICES uses indices and CUDA_DEVICE_ORDER is not PCI_BUS_ID: CUDA numbers"
              + " mixed GPUs fastest first, NVML by PCI bus; indices were read in PCI order. Use"
              + " UUIDs or CUDA_DEVICE_ORDER=PCI_BUS_ID to be sure");
    }
    return owned;
  }

  private static Owned byUuidPrefix(
      String token, Map<Integer, Pointer> handles, Map<Integer, String> uuids, List<String> notes) {
    List<Integer> hits = new ArrayList<>();
    uuids.forEach(
        (i, u) -> {
          if (u.startsWith(token)) {
            hits.add(i);
          }
        });
    if (hits.size() > 1) {
      notes.add("CUDA_VISIBLE_DEVICES entry " + token + " is a prefix of " + hits.size() + " GPUs");
      return null;
    }
    return hits.isEmpty()
        ? null
        : new Owned(hits.get(0), uuids.get(hits.get(0)), handles.get(hits.get(0)));
  }
}

/*
 * A scripted stand-in for libnvidia-ml.so.1, for tests that exercise the real JNA binding without
 * a GPU. It exports the NVML functions Carbonshift calls, with values set through the
 * fake_nvml_* functions at the end. Built by the tests with: gcc -shared -fPIC -o libfakenvml.so
 */
#include <string.h>

#define MAX_DEVICES 16
#define NVML_SUCCESS 0
#define NVML_ERROR_UNINITIALIZED 1
#define NVML_ERROR_INVALID_ARGUMENT 2
#define NVML_ERROR_NOT_FOUND 6
#define NVML_ERROR_INSUFFICIENT_SIZE 7

typedef struct {
  char name[96];
  char uuid[96];
  unsigned int arch;
  int arch_rc;
  unsigned long long energy_mj;
  unsigned long long energy_step_mj; /* added after each read, to script a busy GPU */
  int energy_rc;
  unsigned int power_mw;
  int power_rc;
  unsigned int limit_mw;
  int limit_rc;
  unsigned int util_gpu;
  unsigned int util_mem;
  int util_rc;
  unsigned long long mem_total, mem_free, mem_used;
  int mem_rc;
  int handle_rc;
} fake_device;

static fake_device devices[MAX_DEVICES];
static int device_count = 0;
static int init_rc = NVML_SUCCESS;
static int count_rc = NVML_SUCCESS;
static int init_refs = 0;
static long long total_calls = 0;

static const char *messages[] = {
    "Success", "Uninitialized", "Invalid Argument", "Not Supported", "Insufficient Permissions",
    "Already Initialized", "Not Found", "Insufficient Size", "Insufficient External Power",
    "Driver Not Loaded", "Timeout", "Interrupt Request Issue", "NVML Shared Library Not Found",
    "Function Not Found", "Corrupted infoROM", "GPU is lost", "GPU requires restart"};

static fake_device *device_of(void *handle) {
  fake_device *d = (fake_device *)handle;
  if (d < devices || d >= devices + device_count) return 0;
  return d;
}

#define CHECK_INIT()                                  \
  do {                                                \
    total_calls++;                                    \
    if (init_refs <= 0) return NVML_ERROR_UNINITIALIZED; \
  } while (0)

#define DEVICE_OR_FAIL(h)                                        \
  fake_device *d = device_of(h);                                 \
  if (!d) return NVML_ERROR_INVALID_ARGUMENT;

/* ---- the NVML API ---- */

int nvmlInit_v2(void) {
  total_calls++;
  if (init_rc != NVML_SUCCESS) return init_rc;
  init_refs++;
  return NVML_SUCCESS;
}

int nvmlShutdown(void) {
  total_calls++;
  if (init_refs <= 0) return NVML_ERROR_UNINITIALIZED;
  init_refs--;
  return NVML_SUCCESS;
}

const char *nvmlErrorString(int result) {
  if (result >= 0 && result < (int)(sizeof(messages) / sizeof(messages[0]))) return messages[result];
  return "Unknown Error";
}

int nvmlDeviceGetCount_v2(unsigned int *count) {
  CHECK_INIT();
  if (!count) return NVML_ERROR_INVALID_ARGUMENT;
  if (count_rc != NVML_SUCCESS) return count_rc;
  *count = (unsigned int)device_count;
  return NVML_SUCCESS;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned int index, void **device) {
  CHECK_INIT();
  if (!device || index >= (unsigned int)device_count) return NVML_ERROR_INVALID_ARGUMENT;
  if (devices[index].handle_rc != NVML_SUCCESS) return devices[index].handle_rc;
  *device = &devices[index];
  return NVML_SUCCESS;
}

int nvmlDeviceGetHandleByUUID(const char *uuid, void **device) {
  CHECK_INIT();
  if (!uuid || !device) return NVML_ERROR_INVALID_ARGUMENT;
  for (int i = 0; i < device_count; i++) {
    if (strcmp(devices[i].uuid, uuid) == 0) {
      *device = &devices[i];
      return NVML_SUCCESS;
    }
  }
  return NVML_ERROR_NOT_FOUND;
}

static int copy_string(const char *src, char *dst, unsigned int length) {
  if (!dst) return NVML_ERROR_INVALID_ARGUMENT;
  if (strlen(src) + 1 > length) return NVML_ERROR_INSUFFICIENT_SIZE;
  strcpy(dst, src);
  return NVML_SUCCESS;
}

int nvmlDeviceGetName(void *h, char *name, unsigned int length) {
  CHECK_INIT();
  DEVICE_OR_FAIL(h);
  return copy_string(d->name, name, length);
}

int nvmlDeviceGetUUID(void *h, char *uuid, unsigned int length) {
  CHECK_INIT();
  DEVICE_OR_FAIL(h);
  return copy_string(d->uuid, uuid, length);
}

int nvmlDeviceGetArchitecture(void *h, unsigned int *arch) {
  CHECK_INIT();
  DEVICE_OR_FAIL(h);
  if (d->arch_rc != NVML_SUCCESS) return d->arch_rc;
  *arch = d->arch;
  return NVML_SUCCESS;
}

int nvmlDeviceGetTotalEnergyConsumption(void *h, unsigned long long *energy) {
  CHECK_INIT();
  DEVICE_OR_FAIL(h);
  if (d->energy_rc != NVML_SUCCESS) return d->energy_rc;
  *energy = d->energy_mj;
  d->energy_mj += d->energy_step_mj;
  return NVML_SUCCESS;
}

int nvmlDeviceGetPowerUsage(void *h, unsigned int *power) {
  CHECK_INIT();
  DEVICE_OR_FAIL(h);
  if (d->power_rc != NVML_SUCCESS) return d->power_rc;
  *power = d->power_mw;
  return NVML_SUCCESS;
}

int nvmlDeviceGetEnforcedPowerLimit(void *h, unsigned int *limit) {
  CHECK_INIT();
  DEVICE_OR_FAIL(h);
  if (d->limit_rc != NVML_SUCCESS) return d->limit_rc;
  *limit = d->limit_mw;
  return NVML_SUCCESS;
}

int nvmlDeviceGetUtilizationRates(void *h, unsigned int *utilization /* {gpu, memory} */) {
  CHECK_INIT();
  DEVICE_OR_FAIL(h);
  if (d->util_rc != NVML_SUCCESS) return d->util_rc;
  utilization[0] = d->util_gpu;
  utilization[1] = d->util_mem;
  return NVML_SUCCESS;
}

int nvmlDeviceGetMemoryInfo(void *h, unsigned long long *memory /* {total, free, used} */) {
  CHECK_INIT();
  DEVICE_OR_FAIL(h);
  if (d->mem_rc != NVML_SUCCESS) return d->mem_rc;
  memory[0] = d->mem_total;
  memory[1] = d->mem_free;
  memory[2] = d->mem_used;
  return NVML_SUCCESS;
}

/* ---- scripting, for the tests only ---- */

void fake_nvml_reset(void) {
  memset(devices, 0, sizeof(devices));
  device_count = 0;
  init_rc = NVML_SUCCESS;
  count_rc = NVML_SUCCESS;
  init_refs = 0;
  total_calls = 0;
}

void fake_nvml_set_init_result(int rc) { init_rc = rc; }
void fake_nvml_set_count_result(int rc) { count_rc = rc; }
int fake_nvml_init_refs(void) { return init_refs; }
long long fake_nvml_calls(void) { return total_calls; }

/* Adds a healthy device and returns its index: energy counter, power, limit and utilisation work. */
int fake_nvml_add_device(const char *name, const char *uuid, unsigned int arch) {
  if (device_count >= MAX_DEVICES) return -1;
  fake_device *d = &devices[device_count];
  memset(d, 0, sizeof(*d));
  strncpy(d->name, name, sizeof(d->name) - 1);
  strncpy(d->uuid, uuid, sizeof(d->uuid) - 1);
  d->arch = arch;
  d->limit_mw = 300000;
  d->mem_total = 80ULL << 30;
  d->mem_free = d->mem_total;
  return device_count++;
}

void fake_nvml_set_arch_result(int i, int rc) { devices[i].arch_rc = rc; }
void fake_nvml_set_handle_result(int i, int rc) { devices[i].handle_rc = rc; }
void fake_nvml_set_energy(int i, unsigned long long mj, int rc) {
  devices[i].energy_mj = mj;
  devices[i].energy_rc = rc;
}
void fake_nvml_set_energy_step(int i, unsigned long long mj) { devices[i].energy_step_mj = mj; }
void fake_nvml_set_power(int i, unsigned int mw, int rc) {
  devices[i].power_mw = mw;
  devices[i].power_rc = rc;
}
void fake_nvml_set_power_limit(int i, unsigned int mw, int rc) {
  devices[i].limit_mw = mw;
  devices[i].limit_rc = rc;
}
void fake_nvml_set_utilization(int i, unsigned int gpu, unsigned int mem, int rc) {
  devices[i].util_gpu = gpu;
  devices[i].util_mem = mem;
  devices[i].util_rc = rc;
}

// A fake CUDA driver library for the engine's tests: the entry points FfmCudaDriver binds,
// with the driver's result codes, host memory standing in for device memory, modules that
// know the entry names of the PTX they were given, and launches recorded instead of run.
// The fake_* functions let a test configure it and read what it recorded.
// Built by the tests with: gcc -shared -fPIC -o libcuda.so.1 fake_cuda.c
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SUCCESS 0
#define INVALID_VALUE 1
#define OUT_OF_MEMORY 2
#define NOT_INITIALIZED 3
#define NO_DEVICE 100
#define INVALID_PTX 218
#define INVALID_HANDLE 400
#define NOT_FOUND 500

#define MAX_ALLOCATIONS 1024
#define MAX_MODULES 16
#define MAX_ENTRIES 64
#define MAX_PARAMS 16

typedef unsigned long long devptr;

static int devices = 1;
static int cc_major = 9;
static int cc_minor = 0;
static long long memory_limit = 1LL << 30;
static long long memory_used = 0;
static int initialized = 0;
static float event_millis = 1.5f;

static void* allocations[MAX_ALLOCATIONS];
static size_t allocation_sizes[MAX_ALLOCATIONS];

typedef struct {
	int used;
	int entries;
	char names[MAX_ENTRIES][64];
} module_t;

static module_t modules[MAX_MODULES];

typedef struct {
	int module;
	char name[64];
} function_t;

static int launches = 0;
static int capturing = 0;
static int captured = 0;
static int graph_launches = 0;
static char last_name[64];
static unsigned last_dims[7];
static unsigned long long last_params[MAX_PARAMS];
static int last_param_count = 0;

void fake_configure(int device_count, int major, int minor, long long memory) {
	devices = device_count;
	cc_major = major;
	cc_minor = minor;
	memory_limit = memory;
	initialized = 0;
}

int fake_launches(void) {
	return launches;
}

int fake_graph_launches(void) {
	return graph_launches;
}

int fake_live_allocations(void) {
	int live = 0;
	for (int i = 0; i < MAX_ALLOCATIONS; i++) {
		live += allocations[i] != NULL;
	}
	return live;
}

// Copies the last launch: its kernel name, grid and block (x, y, z each) and shared
// bytes, and each parameter's 8-byte slot; returns how many parameters it had.
int fake_last_launch(char* name, unsigned* dims, unsigned long long* params) {
	strcpy(name, last_name);
	memcpy(dims, last_dims, sizeof(last_dims));
	memcpy(params, last_params, sizeof(unsigned long long) * last_param_count);
	return last_param_count;
}

int cuGetErrorName(int error, const char** name) {
	switch (error) {
	case SUCCESS: *name = "CUDA_SUCCESS"; return SUCCESS;
	case INVALID_VALUE: *name = "CUDA_ERROR_INVALID_VALUE"; return SUCCESS;
	case OUT_OF_MEMORY: *name = "CUDA_ERROR_OUT_OF_MEMORY"; return SUCCESS;
	case NOT_INITIALIZED: *name = "CUDA_ERROR_NOT_INITIALIZED"; return SUCCESS;
	case NO_DEVICE: *name = "CUDA_ERROR_NO_DEVICE"; return SUCCESS;
	case INVALID_PTX: *name = "CUDA_ERROR_INVALID_PTX"; return SUCCESS;
	case INVALID_HANDLE: *name = "CUDA_ERROR_INVALID_HANDLE"; return SUCCESS;
	case NOT_FOUND: *name = "CUDA_ERROR_NOT_FOUND"; return SUCCESS;
	default: *name = NULL; return INVALID_VALUE;
	}
}

int cuInit(unsigned flags) {
	if (flags != 0) {
		return INVALID_VALUE;
	}
	if (devices == 0) {
		return NO_DEVICE;
	}
	initialized = 1;
	return SUCCESS;
}

int cuDriverGetVersion(int* version) {
	*version = 13000;
	return SUCCESS;
}

int cuDeviceGetCount(int* count) {
	if (!initialized) return NOT_INITIALIZED;
	*count = devices;
	return SUCCESS;
}

int cuDeviceGet(int* device, int ordinal) {
	if (!initialized) return NOT_INITIALIZED;
	if (ordinal < 0 || ordinal >= devices) return INVALID_VALUE;
	*device = ordinal;
	return SUCCESS;
}

int cuDeviceGetName(char* name, int len, int device) {
	if (!initialized) return NOT_INITIALIZED;
	strncpy(name, "Fake CUDA Device", len);
	name[len - 1] = 0;
	return SUCCESS;
}

int cuDeviceTotalMem_v2(size_t* bytes, int device) {
	if (!initialized) return NOT_INITIALIZED;
	*bytes = (size_t) memory_limit;
	return SUCCESS;
}

int cuDeviceGetAttribute(int* value, int attribute, int device) {
	if (!initialized) return NOT_INITIALIZED;
	switch (attribute) {
	case 75: *value = cc_major; return SUCCESS;
	case 76: *value = cc_minor; return SUCCESS;
	case 16: *value = 132; return SUCCESS;
	default: return INVALID_VALUE;
	}
}

int cuDevicePrimaryCtxRetain(void** context, int device) {
	if (!initialized) return NOT_INITIALIZED;
	*context = (void*) (uintptr_t) (0x1000 + device);
	return SUCCESS;
}

int cuDevicePrimaryCtxRelease_v2(int device) {
	return initialized ? SUCCESS : NOT_INITIALIZED;
}

int cuCtxSetCurrent(void* context) {
	return initialized ? SUCCESS : NOT_INITIALIZED;
}

int cuMemAlloc_v2(devptr* pointer, size_t bytes) {
	if (!initialized) return NOT_INITIALIZED;
	if (bytes == 0) return INVALID_VALUE;
	if (memory_used + (long long) bytes > memory_limit) return OUT_OF_MEMORY;
	for (int i = 0; i < MAX_ALLOCATIONS; i++) {
		if (allocations[i] == NULL) {
			allocations[i] = calloc(1, bytes);
			allocation_sizes[i] = bytes;
			memory_used += bytes;
			*pointer = (devptr) (uintptr_t) allocations[i];
			return SUCCESS;
		}
	}
	return OUT_OF_MEMORY;
}

static int find_allocation(devptr pointer, size_t bytes) {
	for (int i = 0; i < MAX_ALLOCATIONS; i++) {
		uintptr_t start = (uintptr_t) allocations[i];
		if (allocations[i] != NULL && pointer >= start && pointer + bytes <= start + allocation_sizes[i]) {
			return i;
		}
	}
	return -1;
}

int cuMemFree_v2(devptr pointer) {
	for (int i = 0; i < MAX_ALLOCATIONS; i++) {
		if (allocations[i] != NULL && (uintptr_t) allocations[i] == pointer) {
			free(allocations[i]);
			allocations[i] = NULL;
			memory_used -= allocation_sizes[i];
			return SUCCESS;
		}
	}
	return INVALID_VALUE;
}

int cuMemcpyHtoD_v2(devptr destination, const void* source, size_t bytes) {
	if (find_allocation(destination, bytes) < 0) return INVALID_VALUE;
	memcpy((void*) (uintptr_t) destination, source, bytes);
	return SUCCESS;
}

int cuMemcpyDtoH_v2(void* destination, devptr source, size_t bytes) {
	if (find_allocation(source, bytes) < 0) return INVALID_VALUE;
	memcpy(destination, (const void*) (uintptr_t) source, bytes);
	return SUCCESS;
}

int cuModuleLoadData(void** module, const void* image) {
	if (!initialized) return NOT_INITIALIZED;
	const char* text = (const char*) image;
	if (strstr(text, ".version") == NULL || strstr(text, ".target") == NULL) return INVALID_PTX;
	for (int m = 0; m < MAX_MODULES; m++) {
		if (!modules[m].used) {
			modules[m].used = 1;
			modules[m].entries = 0;
			const char* at = text;
			while ((at = strstr(at, ".entry ")) != NULL && modules[m].entries < MAX_ENTRIES) {
				at += 7;
				int n = 0;
				while (at[n] != '(' && at[n] != ' ' && at[n] != '\n' && n < 63) n++;
				memcpy(modules[m].names[modules[m].entries], at, n);
				modules[m].names[modules[m].entries][n] = 0;
				modules[m].entries++;
			}
			*module = (void*) (uintptr_t) (m + 1);
			return SUCCESS;
		}
	}
	return OUT_OF_MEMORY;
}

int cuModuleGetFunction(void** function, void* module, const char* name) {
	int m = (int) (uintptr_t) module - 1;
	if (m < 0 || m >= MAX_MODULES || !modules[m].used) return INVALID_HANDLE;
	for (int e = 0; e < modules[m].entries; e++) {
		if (strcmp(modules[m].names[e], name) == 0) {
			function_t* f = malloc(sizeof(function_t));
			f->module = m;
			strcpy(f->name, name);
			*function = f;
			return SUCCESS;
		}
	}
	return NOT_FOUND;
}

int cuModuleUnload(void* module) {
	int m = (int) (uintptr_t) module - 1;
	if (m < 0 || m >= MAX_MODULES || !modules[m].used) return INVALID_HANDLE;
	modules[m].used = 0;
	return SUCCESS;
}

int cuLaunchKernel(void* function, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
		unsigned shared, void* stream, void** params, void** extra) {
	if (function == NULL || params == NULL) return INVALID_VALUE;
	if (bx * by * bz > 1024) return INVALID_VALUE;
	if (capturing) {
		captured++;
		return SUCCESS;
	}
	function_t* f = (function_t*) function;
	strcpy(last_name, f->name);
	unsigned dims[7] = { gx, gy, gz, bx, by, bz, shared };
	memcpy(last_dims, dims, sizeof(dims));
	last_param_count = 0;
	while (params[last_param_count] != NULL && last_param_count < MAX_PARAMS) {
		memcpy(&last_params[last_param_count], params[last_param_count], 8);
		last_param_count++;
	}
	launches++;
	return SUCCESS;
}

int cuStreamCreate(void** stream, unsigned flags) {
	if (!initialized) return NOT_INITIALIZED;
	*stream = (void*) (uintptr_t) 0x5000;
	return SUCCESS;
}

int cuStreamSynchronize(void* stream) {
	return SUCCESS;
}

int cuStreamDestroy_v2(void* stream) {
	return SUCCESS;
}

int cuEventCreate(void** event, unsigned flags) {
	static uintptr_t next = 0x6000;
	*event = (void*) next++;
	return SUCCESS;
}

int cuEventRecord(void* event, void* stream) {
	return SUCCESS;
}

int cuEventSynchronize(void* event) {
	return SUCCESS;
}

int cuEventElapsedTime_v2(float* millis, void* start, void* end) {
	*millis = event_millis;
	return SUCCESS;
}

int cuEventDestroy_v2(void* event) {
	return SUCCESS;
}

int cuStreamBeginCapture_v2(void* stream, int mode) {
	if (capturing) return INVALID_VALUE;
	capturing = 1;
	captured = 0;
	return SUCCESS;
}

int cuStreamEndCapture(void* stream, void** graph) {
	if (!capturing) return INVALID_VALUE;
	capturing = 0;
	*graph = (void*) (uintptr_t) (0x7000 + captured);
	return SUCCESS;
}

int cuGraphInstantiateWithFlags(void** exec, void* graph, unsigned long long flags) {
	*exec = graph;
	return SUCCESS;
}

int cuGraphDestroy(void* graph) {
	return SUCCESS;
}

int cuGraphLaunch(void* exec, void* stream) {
	launches += (int) ((uintptr_t) exec - 0x7000);
	graph_launches++;
	return SUCCESS;
}

int cuGraphExecDestroy(void* exec) {
	return SUCCESS;
}

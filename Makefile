# ugit - Git's core in small, readable C.  See README.md.
CC       ?= cc
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Werror
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 -Iinclude
PKGS     := libcrypto zlib
CPPFLAGS += $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libcrypto and zlib are linked statically when their archives are installed
# (Debian's -dev packages ship them): loading the shared libcrypto costs about
# 1 ms at every start, more than a whole `git hash-object` of a small file,
# while the static link pulls in only the SHA-1 code.  STATIC_DEPS=no links
# them dynamically.
STATIC_DEPS ?= $(if $(and $(filter /%,$(shell $(CC) -print-file-name=libcrypto.a)),$(filter /%,$(shell $(CC) -print-file-name=libz.a))),yes,no)
ifeq ($(STATIC_DEPS),yes)
LDLIBS   += -Wl,-Bstatic -lcrypto -lz -Wl,-Bdynamic
else
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lcrypto -lz)
endif
CRIT_LIBS := $(shell pkg-config --libs criterion 2>/dev/null || echo -lcriterion)

PREFIX   ?= /usr/local
B        ?= build
LIB_SRC  := $(filter-out src/main.c,$(wildcard src/*.c))
CMD_SRC  := src/main.c $(wildcard src/cmd/*.c)
UNIT_SRC := $(wildcard tests/unit/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o)
CMD_OBJ  := $(CMD_SRC:%.c=$(B)/%.o)
UNIT_OBJ := $(UNIT_SRC:%.c=$(B)/%.o)

all: $(B)/ugit $(B)/libugit.a

$(B)/ugit: $(CMD_OBJ) $(B)/libugit.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(B)/libugit.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^
$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<
$(B)/unit-tests: $(UNIT_OBJ) $(B)/libugit.a
	$(CC) $(LDFLAGS) -o $@ $^ $(CRIT_LIBS) $(LDLIBS)

# make check: unit tests + interop tests, one closing "N passed, N failed" line.
check test: $(B)/ugit $(B)/unit-tests
	@B=$(B) scripts/run-tests.sh
unit: $(B)/unit-tests
	$(B)/unit-tests --jobs 2
interop: $(B)/ugit
	UGIT=$(CURDIR)/$(B)/ugit scripts/run-interop.sh

# Same tests, built with AddressSanitizer and UBSan into build-asan/.
asan:
	$(MAKE) B=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
		LDFLAGS="-fsanitize=address,undefined" check

demo: $(B)/ugit
	@scripts/demo.sh $(CURDIR)/$(B)/ugit

bench: $(B)/ugit
	scripts/bench

check-headers:
	@for h in include/ugit/*.h; do echo "#include \"$${h#include/}\"" | \
		$(CC) $(CPPFLAGS) $(CFLAGS) -x c -fsyntax-only - || exit 1; done
check-layers:
	@scripts/check-layers.sh
lint: check-headers check-layers
	@scripts/lint.sh

install: $(B)/ugit
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(B)/ugit $(DESTDIR)$(PREFIX)/bin/ugit

clean:
	rm -rf build build-asan

.PHONY: all check test unit interop asan demo bench check-headers check-layers lint install clean
-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d) $(UNIT_OBJ:.o=.d)

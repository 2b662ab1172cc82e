package config

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"syscall"
)

// CheckPermissions refuses a config file that exposes its secrets, as ssh
// refuses a private key others can read: readable by others while it holds
// an inline secret (value = …), or writable by others (the file, or its
// directory without the sticky bit), or owned by someone else, while it
// holds a command secret (cmd = …), which would let another user run any
// command as the admin. The error says which secret and how to fix it.
func CheckPermissions(path string, info fs.FileInfo, cfg Config) error {
	inline, cmd := secretKinds(cfg)
	mode := info.Mode().Perm()
	if inline != "" && mode&0o044 != 0 {
		return fmt.Errorf("config %s holds an inline secret (%s) and other users can read it (mode %04o): run `chmod 600 %s`, or move the secret to env or cmd",
			path, inline, mode, path)
	}
	if cmd == "" {
		return nil
	}
	if mode&0o022 != 0 {
		return fmt.Errorf("config %s holds a secret command (%s) and other users can change it (mode %04o), so they could run any command as you: run `chmod 600 %s`",
			path, cmd, mode, path)
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok && st.Uid != 0 && int(st.Uid) != os.Getuid() {
		return fmt.Errorf("config %s holds a secret command (%s) and belongs to another user (uid %d), who could change it: copy it to a file of your own",
			path, cmd, st.Uid)
	}
	dir := filepath.Dir(path)
	if d, err := os.Stat(dir); err == nil && d.Mode().Perm()&0o022 != 0 && d.Mode()&fs.ModeSticky == 0 {
		return fmt.Errorf("config %s holds a secret command (%s) and other users can replace it in %s (mode %04o): run `chmod go-w %s`",
			path, cmd, dir, d.Mode().Perm(), dir)
	}
	return nil
}

// secretKinds names the first inline secret and the first command secret
// in cfg ("" when there is none), wherever a Secret sits in it.
func secretKinds(cfg Config) (inline, cmd string) {
	walkSecrets(reflect.ValueOf(cfg), "", func(where string, s Secret) {
		if s.Value != "" && inline == "" {
			inline = where
		}
		if s.Cmd != "" && cmd == "" {
			cmd = where
		}
	})
	return inline, cmd
}

var (
	secretType   = reflect.TypeOf(Secret{})
	optionsType  = reflect.TypeOf((*Options)(nil)).Elem()
	accountsType = reflect.TypeOf([]Account(nil))
)

// walkSecrets calls fn for every Secret inside v, with its TOML path.
func walkSecrets(v reflect.Value, where string, fn func(string, Secret)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkSecrets(v.Elem(), where, fn)
		}
	case reflect.Struct:
		if v.Type() == secretType {
			fn(where, v.Interface().(Secret))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			name := f.Tag.Get("toml")
			switch {
			case f.Anonymous, f.Type == optionsType:
				name = "" // embedded and platform keys sit in the block itself
			case f.Type == accountsType:
				name = accountKey
			case name == "" || name == "-":
				name = f.Name
			}
			walkSecrets(v.Field(i), join(where, name), fn)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walkSecrets(v.Index(i), fmt.Sprintf("%s[%d]", where, i), fn)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walkSecrets(v.MapIndex(k), join(where, fmt.Sprint(k.Interface())), fn)
		}
	}
}

func join(where, name string) string {
	if name == "" {
		return where
	}
	if where == "" {
		return name
	}
	return where + "." + name
}

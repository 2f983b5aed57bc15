/**
 * The only code of Portolan that calls native functions: small bindings to Linux's libc through the Foreign
 * Function and Memory API, with errno captured per call. Check {@link dev.portolan.net.NativeAccess#available()}
 * before touching any other class here.
 */
package dev.portolan.net;
